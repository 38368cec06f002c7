// Builds static/dist/ from the pinned govuk-frontend package: our Sass (council
// branding, no crown, no GDS Transport font) compiled to CSS, plus the one JavaScript
// module the pages use. Only these files become public; node_modules never does.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "static", "dist");
rmSync(out, { recursive: true, force: true }); // nothing stale becomes public
mkdirSync(out, { recursive: true });

// The council's colour comes from the one branding file Django reads too.
const brand = JSON.parse(readFileSync(join(root, "assets", "brand", "brand.json"), "utf8"));
if (!/^#[0-9a-fA-F]{6}$/.test(brand.colour)) {
  throw new Error(`assets/brand/brand.json: colour must be like #00625e, not ${brand.colour}`);
}
const councilModule = {
  canonicalize: (url) => (url === "council" ? new URL("council:brand") : null),
  load: () => ({ contents: `$colour: ${brand.colour};`, syntax: "scss" }),
};

const css = sass.compile(join(root, "assets", "scss", "main.scss"), {
  loadPaths: [join(root, "node_modules")],
  importers: [councilModule],
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
