import { DIMENSIONS } from '../../../judge/types';

/** The judged dimensions a page can filter or rate by (eval awareness has its own axis). */
export const RATED_DIMENSIONS: string[] = DIMENSIONS.filter((d) => d !== 'eval_awareness');
