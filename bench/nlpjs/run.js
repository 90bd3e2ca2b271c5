// NLP.js on the NLU evaluation corpora, spawned by `bench/Benchmarks nlu` so both systems run on the same split in
// the same run. Usage: node run.js CORPUS.json [CORPUS.json ...]
// For each corpus: an NlpManager with default settings ({ languages: ['en'] }), one addDocument per sentence with
// training: true, train(), then process() on every other sentence. Prints one JSON document on stdout:
// { "nodeNlp": "4.27.0", "corpora": [{ "name", "trainSeconds", "results": [{ "text", "expected", "predicted", "score" }] }] }
// NLP.js answers "None" below its default threshold (0.5); that is its default behaviour and is kept.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { NlpManager } = require('node-nlp');

// The defaults save the trained model to ./model.nlp (and load it if present): each corpus trains in its own empty
// working folder, so defaults stay untouched and no corpus can read another's model.
async function runCorpus(file) {
  const corpus = JSON.parse(fs.readFileSync(file, 'utf8'));
  const home = process.cwd();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'nlpjs-'));
  process.chdir(work);
  try {
    const manager = new NlpManager({ languages: ['en'] });
    for (const sentence of corpus.sentences.filter((s) => s.training)) {
      manager.addDocument('en', sentence.text, sentence.intent);
    }

    const started = process.hrtime.bigint();
    await manager.train();
    const trainSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const results = [];
    for (const sentence of corpus.sentences.filter((s) => !s.training)) {
      const answer = await manager.process('en', sentence.text);
      results.push({ text: sentence.text, expected: sentence.intent, predicted: answer.intent, score: answer.score });
    }

    return { name: corpus.name || path.basename(file, '.json'), trainSeconds, results };
  } finally {
    process.chdir(home);
    fs.rmSync(work, { recursive: true, force: true });
  }
}

async function main(files) {
  if (files.length === 0) {
    console.error('usage: node run.js CORPUS.json [CORPUS.json ...]');
    process.exit(2);
  }

  // Anything the library logs goes to stderr, so stdout carries the JSON alone.
  console.log = (...args) => console.error(...args);
  const version = require('node-nlp/package.json').version;
  const corpora = [];
  for (const file of files) {
    corpora.push(await runCorpus(path.resolve(file)));
  }

  process.stdout.write(JSON.stringify({ nodeNlp: version, corpora }) + '\n');
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error && error.stack ? error.stack : error);
  process.exit(1);
});
