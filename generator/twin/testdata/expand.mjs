// Expands every notice.jsonld named on the command line with jsonld.js in
// safe mode (a term that would be dropped is an error) and a document
// loader that refuses every fetch, so a twin must carry its whole context
// inline. Prints one JSON object: file name → expanded document.
import { readFile } from 'node:fs/promises';
import jsonld from 'jsonld';

const refuse = async (url) => {
  throw new Error(`refused to fetch ${url}: a twin's @context must be inline`);
};

const out = {};
for (const file of process.argv.slice(2)) {
  const doc = JSON.parse(await readFile(file, 'utf8'));
  try {
    out[file] = await jsonld.expand(doc, { documentLoader: refuse, safeMode: true });
  } catch (err) {
    console.error(`${file}: ${err.message}${err.details ? ' ' + JSON.stringify(err.details) : ''}`);
    process.exit(1);
  }
}
process.stdout.write(JSON.stringify(out));
