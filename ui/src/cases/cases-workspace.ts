// 案件办理 workspace chunk.
import './lf-cases-page.ts';
import './lf-case-new.ts';
import './lf-case-page.ts';
