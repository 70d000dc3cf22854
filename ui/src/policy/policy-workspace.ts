// 政策编辑 workspace chunk: loaded when the officer first opens it.
import './lf-policy-list.ts';
import './lf-policy-page.ts';
import './lf-policy-side-panel.ts';
import './lf-code-editor.ts';
import './lf-diagnostics-list.ts';
import './lf-workflow-diagram.ts';
import './lf-parameter-table.ts';
import './lf-examples-panel.ts';
import './lf-form-preview.ts';
