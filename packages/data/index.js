// ESM entry: re-exports the CommonJS module, so that import and require share one copy of the data.
import data from './index.cjs';

export const { corpus, questions, title, description, byId, byTag, tags } = data;
