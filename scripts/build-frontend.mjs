// Builds static/dist/ from the pinned govuk-frontend package: our Sass (council
// branding, no crown, no GDS Transport font) compiled to CSS, plus the one JavaScript
// file the pages use. Only these files become public; node_modules never does.
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "static", "dist");
mkdirSync(out, { recursive: true });

const css = sass.compile(join(root, "assets", "scss", "main.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
});
writeFileSync(join(out, "main.css"), css.css);

copyFileSync(
  join(root, "node_modules", "govuk-frontend", "dist", "govuk", "govuk-frontend.min.js"),
  join(out, "govuk-frontend.min.js"),
);
console.log(`Built ${out}: main.css (${css.css.length} bytes), govuk-frontend.min.js`);
