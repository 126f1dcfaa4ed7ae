// The AWS regions the core embeds (src/providers/aws_regions.txt) are exactly what
// scripts/gen-aws-regions.mjs makes of the pinned AWS SDK package's partitions data, which
// pkg/package.json's devDependencies install: a hand edit of the data file, or a version bump
// of the package without regenerating, fails here. Offline: it reads only pkg/node_modules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PKG } from './helpers.js';
import { OUTPUT, PACKAGE, loadSource, regionsText } from '../../scripts/gen-aws-regions.mjs';

const NODE_MODULES = path.join(PKG, 'node_modules');
const REGENERATE = 'node scripts/gen-aws-regions.mjs';

test('the committed AWS region data is generated from the pinned partitions data', async () => {
  const installed = path.join(NODE_MODULES, ...PACKAGE.split('/'), 'package.json');
  assert.ok(existsSync(installed), `${PACKAGE} is not installed in pkg/node_modules: it must be a devDependency of pkg/package.json (then \`npm ci --prefix pkg\`)`);
  const { partitions, source } = await loadSource(NODE_MODULES);
  const pinned = JSON.parse(readFileSync(path.join(PKG, 'package.json'), 'utf8')).devDependencies?.[PACKAGE];
  assert.equal(pinned, source.version, `pkg/package.json must pin ${PACKAGE} to the exact installed version`);
  const committed = readFileSync(OUTPUT, 'utf8');
  assert.equal(committed, regionsText(partitions, source), `src/providers/aws_regions.txt differs from ${source.name} ${source.version}'s partitions data; run \`${REGENERATE}\``);
});

test('the region data has the partitions and regions the rules rely on', async () => {
  const text = readFileSync(OUTPUT, 'utf8');
  const regions = new Map(text.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(' ')));
  for (const [region, partition] of [
    ['us-east-1', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['eusc-de-east-1', 'aws-eusc'],
    ['us-isof-south-1', 'aws-iso-f'],
    ['eu-isoe-west-1', 'aws-iso-e'],
  ]) {
    assert.equal(regions.get(region), partition, region);
  }
  assert.ok(!regions.has('aws-global'), 'endpoint pseudo-regions are not regions');
});

test('regionsText keeps regions that match their partition and refuses malformed data', () => {
  const source = { name: 'example', version: '1.0.0', file: 'partitions.json' };
  const data = {
    version: '1.1',
    partitions: [
      { id: 'aws', regionRegex: '^(us|eu)\\-\\w+\\-\\d+$', regions: { 'us-west-2': {}, 'aws-global': {}, 'eu-west-1': {} } },
      { id: 'aws-cn', regionRegex: '^cn\\-\\w+\\-\\d+$', regions: { 'cn-north-1': {} } },
    ],
  };
  const lines = regionsText(data, source).split('\n').filter((l) => l && !l.startsWith('#'));
  assert.deepEqual(lines, ['eu-west-1 aws', 'us-west-2 aws', 'cn-north-1 aws-cn']);
  assert.match(regionsText(data, source), /from example 1\.0\.0,/);
  assert.throws(() => regionsText({}, source), TypeError);
  const twice = { partitions: [data.partitions[0], { ...data.partitions[0], id: 'aws-other' }] };
  assert.throws(() => regionsText(twice, source), /in both/);
});
