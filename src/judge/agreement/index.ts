export { confusionMatrix, type ConfusionMatrix, type RatedPair } from './confusion.js';
export { cohenKappa } from './kappa.js';
export { agreementStats, type AgreementStats } from './agreement-stats.js';
export { agreementTable, pairRatings, type AgreementRow, type Rating } from './agreement-table.js';
