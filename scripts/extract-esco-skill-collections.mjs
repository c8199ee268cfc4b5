// Regenerates apps/server/reference-data/esco/derived/esco_skill_collections_DERIVED.csv from the six
// official ESCO v1.2.0 skill collections (digital, green, transversal, language, DigComp, research).
// Those collections are the only obtainable source of skillType and reuseLevel (the official
// skills_en.csv could not be obtained): one row per skill URI, with the collections it belongs to.
//
//   node scripts/extract-esco-skill-collections.mjs [ESCO_v1.2.0_en_DIR]
//
// The default source directory is ../shared/data/esco/v1.2.0_en (relative to the repository root).
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

const root = path.resolve(import.meta.dirname, '..');
const source = path.resolve(process.argv[2] ?? path.join(root, '../shared/data/esco/v1.2.0_en'));
const target = path.join(root, 'apps/server/reference-data/esco/derived/esco_skill_collections_DERIVED.csv');

const COLLECTIONS = ['digital', 'digComp', 'green', 'language', 'research', 'transversal'];

/** uri -> { label, skillType, reuseLevel, collections[] } */
const skills = new Map();
for (const name of COLLECTIONS) {
  const file = path.join(source, `${name}SkillsCollection_en.csv`);
  const rows = parse(fs.readFileSync(file), { columns: true, bom: true });
  for (const r of rows) {
    const prev = skills.get(r.conceptUri);
    if (prev) {
      if (prev.skillType !== r.skillType || prev.reuseLevel !== r.reuseLevel)
        throw new Error(`${r.conceptUri}: skillType/reuseLevel differ between collections`);
      prev.collections.push(name);
    } else {
      skills.set(r.conceptUri, {
        label: r.preferredLabel.trim(),
        skillType: r.skillType,
        reuseLevel: r.reuseLevel,
        collections: [name],
      });
    }
  }
}

const cell = (v) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const lines = ['conceptUri,preferredLabel,skillType,reuseLevel,collections'];
for (const uri of [...skills.keys()].sort()) {
  const s = skills.get(uri);
  lines.push([uri, s.label, s.skillType, s.reuseLevel, s.collections.join('|')].map(cell).join(','));
}
fs.writeFileSync(target, lines.join('\n') + '\n');
console.log(`${skills.size} skills -> ${path.relative(root, target)}`);
