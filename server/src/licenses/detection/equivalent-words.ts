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
]);

/**
 * Two-word spellings that are one word elsewhere ("sub-license", "non commercial", "per cent"). Hyphens split
 * words before this applies, so the hyphenated and spaced forms both land here. Keyed by the first word; the
 * value tells whether the second word joins it.
 */
export const JOINED_WORDS: ReadonlyMap<string, (second: string) => boolean> = new Map([
  ['sub', (second: string) => /^licen[cs]/.test(second)],
  ['non', (second: string) => /^(commercial|infringement|exclusive|transferable|assertion)$/.test(second)],
  ['re', (second: string) => /^distribut/.test(second)],
  ['per', (second: string) => second === 'cent'],
]);
