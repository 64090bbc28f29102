// Fill a pvs form with pdf-lib, as a third-party program would: node fill-pdflib.mjs IN VALUES FONT OUT
// VALUES: {"text": {path: value}, "check": [path], "radio": {path: state}}.
// Appearances are drawn by pdf-lib itself with the given font (its standard fonts cannot
// encode Cyrillic or Greek).
import { readFileSync, writeFileSync } from "node:fs";
import { PDFDocument } from "pdf-lib";
import fontkit from "@pdf-lib/fontkit";

const [input, valuesPath, fontPath, output] = process.argv.slice(2);
const values = JSON.parse(readFileSync(valuesPath, "utf8"));
const pdf = await PDFDocument.load(readFileSync(input));
pdf.registerFontkit(fontkit);
const font = await pdf.embedFont(readFileSync(fontPath), { subset: false });
const form = pdf.getForm();
for (const [name, value] of Object.entries(values.text)) {
  const field = form.getTextField(name);
  field.setText(value);
  field.updateAppearances(font);
}
for (const name of values.check) form.getCheckBox(name).check();
for (const [name, state] of Object.entries(values.radio)) form.getRadioGroup(name).select(state);
writeFileSync(output, await pdf.save({ updateFieldAppearances: false }));
