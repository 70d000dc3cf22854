// 方案比较 workspace chunk.
import './lf-compare-page.ts';
