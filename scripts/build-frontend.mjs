// Builds static/dist/ from the pinned govuk-frontend package: our Sass (council
// branding, no crown, no GDS Transport font) compiled to CSS, plus the one JavaScript
// module the pages use. Only these files become public; node_modules never does.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "static", "dist");
rmSync(out, { recursive: true, force: true }); // nothing stale becomes public
mkdirSync(out, { recursive: true });

const css = sass.compile(join(root, "assets", "scss", "main.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
});
writeFileSync(join(out, "main.css"), css.css);

// One small module with only the components we initialise (tree-shaken, minified).
const js = esbuild.buildSync({
  entryPoints: [join(root, "assets", "js", "init.mjs")],
  bundle: true,
  minify: true,
  format: "esm",
  target: "es2020",
  outfile: join(out, "init.min.mjs"),
  metafile: true,
});
const jsBytes = Object.values(js.metafile.outputs)[0].bytes;
console.log(`Built ${out}: main.css (${css.css.length} bytes), init.min.mjs (${jsBytes} bytes)`);
