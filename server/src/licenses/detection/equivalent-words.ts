/**
 * Spelling variants that the SPDX License List Matching Guidelines (section "Equivalent words") treat as the
 * same word. Keys are what may appear in a text, values the spelling we compare with. Only single words live
 * here; the few multi-word equivalents are rewritten on the text before it is split into words.
 */
export const EQUIVALENT_WORDS: ReadonlyMap<string, string> = new Map([
  ['acknowledgement', 'acknowledgment'],
  ['acknowledgements', 'acknowledgments'],
  ['analogue', 'analog'],
  ['analyse', 'analyze'],
  ['artefact', 'artifact'],
  ['authorisation', 'authorization'],
  ['authorised', 'authorized'],
  ['calibre', 'caliber'],
  ['cancelled', 'canceled'],
  ['capitalisations', 'capitalizations'],
  ['catalogue', 'catalog'],
  ['categorise', 'categorize'],
  ['centre', 'center'],
  ['emphasised', 'emphasized'],
  ['favour', 'favor'],
  ['favourite', 'favorite'],
  ['fulfil', 'fulfill'],
  ['fulfilment', 'fulfillment'],
  ['initialise', 'initialize'],
  ['judgement', 'judgment'],
  ['labelling', 'labeling'],
  ['labour', 'labor'],
  ['licence', 'license'],
  ['licences', 'licenses'],
  ['licenced', 'licensed'],
  ['licencing', 'licensing'],
  ['licencee', 'licensee'],
  ['licencees', 'licensees'],
  ['licencor', 'licensor'],
  ['licencors', 'licensors'],
  ['maximise', 'maximize'],
  ['modelled', 'modeled'],
  ['modelling', 'modeling'],
  ['offence', 'offense'],
  ['optimise', 'optimize'],
  ['organisation', 'organization'],
  ['organisations', 'organizations'],
  ['organise', 'organize'],
  ['practise', 'practice'],
  ['programme', 'program'],
  ['programmes', 'programs'],
  ['realise', 'realize'],
  ['recognise', 'recognize'],
  ['signalling', 'signaling'],
  ['utilisation', 'utilization'],
  ['whilst', 'while'],
  ['wilful', 'willful'],
  ['wilfull', 'willful'],
  // Not spelling but punctuation-free forms of the same mark; the matching guidelines treat them as one.
  ['©', 'copyright'],
]);

/**
 * Multi-word equivalents, applied to lower-cased text with hyphens already turned into spaces. Order matters
 * only where one pattern contains another.
 */
export const EQUIVALENT_PHRASES: readonly (readonly [RegExp, string])[] = [
  [/\bcopyright owners?\b/g, 'copyright holder'],
  [/\bper cent\b/g, 'percent'],
  [/\bsub licen[cs](e|es|ed|ing)\b/g, 'sublicens$1'],
  [/\bnon commercial\b/g, 'noncommercial'],
  [/\bnon infringement\b/g, 'noninfringement'],
  [/\bnon exclusive\b/g, 'nonexclusive'],
  [/\bnon transferable\b/g, 'nontransferable'],
  [/\bre distribut/g, 'redistribut'],
];
