// The print stylesheet every form shares, inlined by the `{{> a4-style}}` partial so that each
// rendered document is one self-contained HTML file (no external assets). A4, the margins of
// Chinese official paper (GB/T 9704 uses 37/35/28/26 mm; forms in practice are tighter), a serif
// CJK face for body text as the printed forms use 宋体, and underlined fills/blanks like the forms.

export const PRINT_CSS = `
@page { size: A4; margin: 22mm 20mm 20mm 24mm; }
html { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 12pt; line-height: 1.8; color: #000; }
body { margin: 0; }
@media screen {
  body { background: #e8e8e8; }
  .page { background: #fff; width: 210mm; min-height: 297mm; margin: 8mm auto; padding: 22mm 20mm 20mm 24mm; box-sizing: border-box; box-shadow: 0 1px 4px rgba(0,0,0,.3); }
}
h1 { font-size: 17pt; font-weight: bold; text-align: center; margin: 0 0 .6em; letter-spacing: .05em; }
h2 { font-size: 12pt; font-weight: bold; margin: .5em 0 0; }
.caption { text-align: center; font-weight: bold; margin: .6em 0 .2em; }
.number { text-align: right; margin: 0 0 .6em; }
.heading-line { text-align: center; margin: 0 0 .4em; }
p { margin: 0; text-indent: 2em; text-align: left; }
p.flush { text-indent: 0; }
p.right { text-align: right; text-indent: 0; }
.indent { text-indent: 2em; }
.fill { border-bottom: 1px solid #000; padding: 0 .25em; }
.blank { display: inline-block; border-bottom: 1px solid #000; min-width: 4em; height: 1.1em; vertical-align: -.15em; }
table.grid { width: 100%; border-collapse: collapse; margin: .3em 0 .5em; page-break-inside: auto; font-size: 10.5pt; }
table.grid th, table.grid td { border: 1px solid #000; padding: 1pt 3pt; text-align: center; vertical-align: middle; font-weight: normal; line-height: 1.5; }
table.grid th { font-weight: bold; }
table.grid td.left, table.grid th.left { text-align: left; }
table.grid tr { page-break-inside: avoid; }
table.grid td.label { width: 7em; font-weight: bold; }
table.form td { height: 2.2em; }
table.sign { width: 100%; border-collapse: collapse; margin-top: 1.2em; }
table.sign td { vertical-align: top; padding: .3em 0; width: 50%; }
.sign-line { display: inline-block; border-bottom: 1px solid #000; min-width: 8em; height: 1.2em; vertical-align: -.2em; }
.date-line { text-align: right; margin-top: .6em; }
.small { font-size: 10pt; }
.nowrap { white-space: nowrap; }
.box { border: 1px solid #000; padding: .4em .6em; }
.tall { height: 6em; }
.spacer { height: 1.5em; }
.signatures { margin-top: 1.5em; }
`;

export const A4_STYLE_PARTIAL = `<style>${PRINT_CSS}</style>`;
