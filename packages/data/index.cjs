'use strict';

// The dataset: questions.json is generated from content/ at build time (never edited by hand).
const corpus = deepFreeze(require('./questions.json'));
const questions = corpus.questions;
const ids = new Map(questions.map((q) => [q.id, q]));

function deepFreeze(value) {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze(value[key]);
  }
  return value;
}

/** The question with this id, or undefined. */
function byId(id) {
  return ids.get(id);
}

/** Questions with this tag, or with a tag below it in the hierarchy ("gan" matches "gan::training"). */
function byTag(tag) {
  return questions.filter((q) => q.tags.some((t) => t === tag || t.startsWith(`${tag}::`)));
}

/** Every tag used, sorted. */
function tags() {
  return [...new Set(questions.flatMap((q) => q.tags))].sort();
}

module.exports = { corpus, questions, title: corpus.title, description: corpus.description, byId, byTag, tags };
