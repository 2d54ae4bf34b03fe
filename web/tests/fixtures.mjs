// Canned documents and events for the mock API (tests/mock-server.mjs), in the
// shapes of docs/api.md. The texts are written for these tests (not taken from
// any outlet). Offsets are computed here, in Unicode code points, so that the
// fixtures stay correct when the texts are edited; one document (mock-002) has
// astral characters (mathematical bold digits, two UTF-16 units each) before
// its events to exercise code-point handling.

const cpLen = (s) => Array.from(s).length;

// Code-point offset of the nth occurrence of `needle` in `text`.
function at(text, needle, nth = 0) {
  let idx = -1;
  for (let i = 0; i <= nth; i++) {
    idx = text.indexOf(needle, idx + 1);
    if (idx < 0) throw new Error(`fixture: "${needle}" #${nth} not found in "${text.slice(0, 40)}…"`);
  }
  return cpLen(text.slice(0, idx));
}

// A needle may mark its span inside some context with brackets:
// 'سيزور [الجزائر]' is the الجزائر that follows سيزور.
function span(text, needle, nth = 0) {
  let context = needle;
  let pre = '';
  let inner = needle;
  const open = needle.indexOf('[');
  if (open >= 0) {
    const close = needle.indexOf(']', open);
    pre = needle.slice(0, open);
    inner = needle.slice(open + 1, close);
    context = pre + inner + needle.slice(close + 1);
  }
  const start = at(text, context, nth) + cpLen(pre);
  return { text: inner, start, end: start + cpLen(inner) };
}

const bare = (needle) => needle.replace(/^[^[]*\[|\].*$/g, '');

// Sentences: the title line, then body sentences ending in . ! ? or a newline.
function splitSentences(text) {
  const cps = Array.from(text);
  const out = [];
  let start = 0;
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i];
    if (c === '\n' || c === '.' || c === '!' || c === '?' || c === '؟') {
      const end = c === '\n' ? i : i + 1;
      if (end > start) out.push({ start, end });
      start = i + 1;
      while (start < cps.length && cps[start] === ' ') start++;
      i = start - 1;
    }
  }
  if (start < cps.length) out.push({ start, end: cps.length });
  return out;
}

const PLACES = {
  'الجزائر': { name_en: 'Algiers', country: 'DZA', lat: 36.754, lon: 3.059 },
  'العاصمة الجزائر': { name_en: 'Algiers', country: 'DZA', lat: 36.754, lon: 3.059 },
  'بنغازي': { name_en: 'Benghazi', country: 'LBY', lat: 32.115, lon: 20.068 },
  'معبر راس جدير': { name_en: 'Ras Ajdir crossing', country: 'TUN', lat: 33.167, lon: 11.567 },
  'بن قردان': { name_en: 'Ben Gardane', country: 'TUN', lat: 33.138, lon: 11.22 },
  'تونس': { name_en: 'Tunis', country: 'TUN', lat: 36.806, lon: 10.181 },
  'القاهرة': { name_en: 'Cairo', country: 'EGY', lat: 30.044, lon: 31.236 },
  'دمشق': { name_en: 'Damascus', country: 'SYR', lat: 33.513, lon: 36.292 },
  'حلب': { name_en: 'Aleppo', country: 'SYR', lat: 36.202, lon: 37.161 },
  'ريف حلب': { name_en: 'Aleppo countryside', country: 'SYR', lat: 36.3, lon: 37.0 },
  'الرباط': { name_en: 'Rabat', country: 'MAR', lat: 34.02, lon: -6.841 },
};

// Each document: text, published, source outlet, and annotations by substring.
// mentions: [kind, text, nth?, extra?]; events: see ev() below.
const DOCS = [
  {
    id: 'mock-001',
    published: '2016-02-16',
    source: 'وكالة تجريبية',
    url: 'https://example.org/mock-001',
    text:
      'الجزائر تدعو إلى حل سياسي في ليبيا\n' +
      'الجزائر — دعت وزارة الخارجية الجزائرية اليوم الثلاثاء الأطراف الليبية إلى الحوار ورفض التدخل العسكري الأجنبي. ' +
      'واستقبل وزير الخارجية الجزائري رمطان لعمامرة المبعوث الأممي إلى ليبيا في العاصمة الجزائر. ' +
      'وقال مصدر دبلوماسي رفيع إن وفدا روسيا سيزور الجزائر الأسبوع المقبل لبحث الأزمة الليبية.',
    mentions: [
      ['place', '[الجزائر] —'],
      ['actor', 'وزارة الخارجية الجزائرية', 0, { code: 'DZAGOV' }],
      ['date', 'اليوم الثلاثاء', 0, { value: '2016-02-16' }],
      ['actor', 'الأطراف الليبية', 0, { code: 'LBY' }],
      ['trigger', 'دعت', 0, { cameo: '021' }],
      ['actor', 'وزير الخارجية الجزائري', 0, { code: 'DZAGOV' }],
      ['entity', 'رمطان لعمامرة', 0, { type: 'PERS' }],
      ['trigger', 'استقبل', 0, { cameo: '043' }],
      ['actor', 'المبعوث الأممي', 0, { code: 'IGOUNO' }],
      ['place', 'إلى [ليبيا] في', 0, { country: 'LBY', lat: 27.0, lon: 17.0 }],
      ['place', 'العاصمة الجزائر'],
      ['actor', 'وفدا روسيا', 0, { code: 'RUSGOV' }],
      ['trigger', 'سيزور', 0, { cameo: '042' }],
      ['actor', 'سيزور [الجزائر]', 0, { code: 'DZA' }],
      ['date', 'الأسبوع المقبل', 0, { value: '2016-02-23' }],
    ],
    events: [
      { trigger: 'دعت', source: ['وزارة الخارجية الجزائرية', 'DZAGOV'], target: ['الأطراف الليبية', 'LBY'], cameo: '021', goldstein: 3.4, quad: 1, plover: ['REQUEST', 'diplomatic'], modality: 'asserted', attribution: ['وزارة الخارجية الجزائرية', 'official'], date: '2016-02-16', place: ['[الجزائر] —'], confidence: 0.86, rule: 'verb:دعا+إلى' },
      { trigger: 'استقبل', source: ['وزير الخارجية الجزائري', 'DZAGOV'], target: ['المبعوث الأممي', 'IGOUNO'], cameo: '043', goldstein: 2.8, quad: 1, plover: ['CONSULT', 'visit'], modality: 'asserted', attribution: ['', 'none'], date: '2016-02-16', place: ['العاصمة الجزائر'], confidence: 0.91, rule: 'verb:استقبل' },
      { trigger: 'سيزور', source: ['وفدا روسيا', 'RUSGOV'], target: ['سيزور [الجزائر]', 'DZA'], cameo: '042', goldstein: 1.9, quad: 1, plover: ['CONSULT', 'visit'], modality: 'planned', attribution: ['مصدر دبلوماسي رفيع', 'anonymous'], date: '2016-02-23', precision: 'week', place: ['سيزور [الجزائر]'], confidence: 0.64, rule: 'verb:زار future' },
    ],
  },
  {
    id: 'mock-002',
    published: '2016-02-18',
    source: 'صحيفة تجريبية',
    text:
      'عاجل 𝟏𝟐:𝟑𝟎 | اشتباكات في بنغازي\n' +
      'بنغازي — اشتبكت قوات الجيش الليبي مع مسلحي تنظيم داعش في حي الصابري ببنغازي يوم الخميس، وأسفرت المعارك عن مقتل خمسة جنود. ' +
      'واتهم المتحدث باسم الجيش الليبي تنظيم داعش بتفجير سيارة مفخخة قرب مستشفى الجلاء.',
    mentions: [
      ['place', '[بنغازي] —'],
      ['trigger', 'اشتبكت', 0, { cameo: '190' }],
      ['actor', 'قوات الجيش الليبي', 0, { code: 'LBYMIL' }],
      ['actor', 'تنظيم داعش', 0, { code: 'IMGISI' }],
      ['place', 'حي الصابري', 0, { country: 'LBY', lat: 32.125, lon: 20.07 }],
      ['date', 'يوم الخميس', 0, { value: '2016-02-18' }],
      ['trigger', 'اتهم', 0, { cameo: '112' }],
      ['actor', 'المتحدث باسم الجيش الليبي', 0, { code: 'LBYMIL' }],
      ['actor', 'تنظيم داعش', 1, { code: 'IMGISI' }],
      ['trigger', 'تفجير', 0, { cameo: '183' }],
      ['entity', 'مستشفى الجلاء', 0, { type: 'LOC' }],
    ],
    events: [
      { trigger: 'اشتبكت', source: ['قوات الجيش الليبي', 'LBYMIL'], target: ['تنظيم داعش', 'IMGISI'], cameo: '190', goldstein: -10, quad: 4, plover: ['ASSAULT', 'small arms'], modality: 'asserted', attribution: ['', 'none'], date: '2016-02-18', place: ['[بنغازي] —'], confidence: 0.88, rule: 'verb:اشتبك+مع' },
      { trigger: 'اتهم', source: ['المتحدث باسم الجيش الليبي', 'LBYMIL'], target: ['تنظيم داعش', 'IMGISI', 1], cameo: '112', goldstein: -2, quad: 3, plover: ['ACCUSE', ''], modality: 'asserted', attribution: ['المتحدث باسم الجيش الليبي', 'official'], date: '2016-02-18', place: ['[بنغازي] —'], confidence: 0.8, rule: 'verb:اتهم' },
      { trigger: 'تفجير', source: ['تنظيم داعش', 'IMGISI', 1], target: null, cameo: '183', goldstein: -10, quad: 4, plover: ['ASSAULT', 'explosion'], modality: 'reported', attribution: ['المتحدث باسم الجيش الليبي', 'official'], date: '2016-02-18', place: ['[بنغازي] —'], confidence: 0.62, rule: 'noun:تفجير+سيارة مفخخة' },
    ],
  },
  {
    id: 'mock-003',
    published: '2016-03-02',
    source: 'وكالة تجريبية',
    text:
      'تونس تغلق حدودها مع ليبيا\n' +
      'تونس — أعلنت الحكومة التونسية يوم الأربعاء إغلاق معبر راس جدير الحدودي مع ليبيا لمدة أسبوعين، بعد هجوم مسلحين مجهولين على دورية للأمن التونسي في بن قردان. ' +
      'ونفت وزارة الداخلية التونسية أن تكون قد طردت عمالا ليبيين.',
    mentions: [
      ['place', '[تونس] —'],
      ['actor', 'الحكومة التونسية', 0, { code: 'TUNGOV' }],
      ['date', 'يوم الأربعاء', 0, { value: '2016-03-02' }],
      ['trigger', 'إغلاق', 0, { cameo: '163' }],
      ['place', 'معبر راس جدير'],
      ['actor', 'الحدودي مع [ليبيا]', 0, { code: 'LBY' }],
      ['trigger', 'هجوم', 0, { cameo: '190' }],
      ['actor', 'مسلحين مجهولين', 0, { code: 'UAF' }],
      ['actor', 'للأمن التونسي', 0, { code: 'TUNCOP' }],
      ['place', 'بن قردان'],
      ['actor', 'وزارة الداخلية التونسية', 0, { code: 'TUNGOV' }],
      ['trigger', 'طردت', 0, { cameo: '174' }],
      ['actor', 'عمالا ليبيين', 0, { code: 'LBYCVL' }],
    ],
    events: [
      { trigger: 'إغلاق', source: ['الحكومة التونسية', 'TUNGOV'], target: ['الحدودي مع [ليبيا]', 'LBY'], cameo: '163', goldstein: -8, quad: 4, plover: ['SANCTION', 'border'], modality: 'asserted', attribution: ['الحكومة التونسية', 'official'], date: '2016-03-02', place: ['معبر راس جدير'], confidence: 0.77, rule: 'noun:إغلاق+معبر' },
      { trigger: 'هجوم', source: ['مسلحين مجهولين', 'UAF'], target: ['للأمن التونسي', 'TUNCOP'], cameo: '190', goldstein: -10, quad: 4, plover: ['ASSAULT', 'small arms'], modality: 'asserted', attribution: ['', 'none'], date: '2016-03-01', precision: 'day', place: ['بن قردان'], confidence: 0.74, rule: 'noun:هجوم+على' },
      { trigger: 'طردت', source: ['وزارة الداخلية التونسية', 'TUNGOV'], target: ['عمالا ليبيين', 'LBYCVL'], cameo: '174', goldstein: -5, quad: 4, plover: ['COERCE', 'expel'], modality: 'negated', attribution: ['وزارة الداخلية التونسية', 'official'], date: '2016-03-02', place: ['[تونس] —'], confidence: 0.58, rule: 'verb:طرد neg:نفى' },
    ],
  },
  {
    id: 'mock-004',
    published: '2016-03-10',
    source: 'صحيفة تجريبية',
    text:
      'القاهرة تستضيف اجتماعا لوزراء الخارجية العرب\n' +
      'القاهرة — استضافت جامعة الدول العربية في القاهرة اجتماعا طارئا لوزراء الخارجية العرب، وطالب الأمين العام للجامعة مجلس الأمن بفرض حظر على الأسلحة. ' +
      'وقالت قطر إنها ستقدم مساعدات إنسانية إلى الشعب الليبي. ' +
      'ولو أن المجتمع الدولي تحرك مبكرا لما تفاقمت الأزمة.',
    mentions: [
      ['place', '[القاهرة] —'],
      ['trigger', 'استضافت', 0, { cameo: '043' }],
      ['actor', 'جامعة الدول العربية', 0, { code: 'IGOARL' }],
      ['place', 'في [القاهرة]'],
      ['trigger', 'طالب', 0, { cameo: '1041' }],
      ['actor', 'الأمين العام للجامعة', 0, { code: 'IGOARL' }],
      ['actor', 'مجلس الأمن', 0, { code: 'IGOUNO' }],
      ['actor', 'قطر', 0, { code: 'QAT' }],
      ['trigger', 'ستقدم', 0, { cameo: '073' }],
      ['actor', 'الشعب الليبي', 0, { code: 'LBYCVL' }],
      ['trigger', 'تحرك', 0, { cameo: '030' }],
    ],
    events: [
      { trigger: 'استضافت', source: ['جامعة الدول العربية', 'IGOARL'], target: null, cameo: '043', goldstein: 2.8, quad: 1, plover: ['CONSULT', 'meeting'], modality: 'asserted', attribution: ['', 'none'], date: '2016-03-10', place: ['في [القاهرة]'], confidence: 0.83, rule: 'verb:استضاف' },
      { trigger: 'طالب', source: ['الأمين العام للجامعة', 'IGOARL'], target: ['مجلس الأمن', 'IGOUNO'], cameo: '1041', goldstein: -5, quad: 3, plover: ['REQUEST', 'sanction'], modality: 'asserted', attribution: ['الأمين العام للجامعة', 'named'], date: '2016-03-10', place: ['في [القاهرة]'], confidence: 0.79, rule: 'verb:طالب+ب' },
      { trigger: 'ستقدم', source: ['قطر', 'QAT'], target: ['الشعب الليبي', 'LBYCVL'], cameo: '073', goldstein: 7.4, quad: 2, plover: ['AID', 'humanitarian'], modality: 'planned', attribution: ['قطر', 'official'], date: null, place: null, confidence: 0.71, rule: 'verb:قدم+مساعدات' },
      { trigger: 'تحرك', source: null, target: null, cameo: '030', goldstein: 4, quad: 1, plover: ['COOPERATE', ''], modality: 'hypothetical', attribution: ['', 'none'], date: null, place: null, confidence: 0.35, rule: 'verb:تحرك cond:لو' },
    ],
  },
  {
    id: 'mock-005',
    published: '2016-04-05',
    source: 'وكالة تجريبية',
    text:
      'موسكو ودمشق تبحثان التعاون العسكري\n' +
      'دمشق — بحث وزير الدفاع الروسي مع الرئيس السوري في دمشق أمس التعاون العسكري بين البلدين، فيما هددت فصائل المعارضة المسلحة بالرد على الغارات الجوية الروسية قرب حلب. ' +
      'وذكرت وكالة الأنباء السورية أن الطائرات الروسية قصفت مواقع لتنظيم الدولة في ريف حلب.',
    mentions: [
      ['place', '[دمشق] —'],
      ['trigger', '— [بحث]', 0, { cameo: '040' }],
      ['actor', 'وزير الدفاع الروسي', 0, { code: 'RUSMIL' }],
      ['actor', 'الرئيس السوري', 0, { code: 'SYRGOV' }],
      ['place', 'في [دمشق]'],
      ['date', 'أمس', 0, { value: '2016-04-04' }],
      ['trigger', 'هددت', 0, { cameo: '138' }],
      ['actor', 'فصائل المعارضة المسلحة', 0, { code: 'SYRREB' }],
      ['actor', 'الغارات الجوية الروسية', 0, { code: 'RUSMIL' }],
      ['place', 'قرب [حلب]'],
      ['entity', 'وكالة الأنباء السورية', 0, { type: 'ORG' }],
      ['actor', 'الطائرات الروسية', 0, { code: 'RUSMIL' }],
      ['trigger', 'قصفت', 0, { cameo: '195' }],
      ['actor', 'تنظيم الدولة', 0, { code: 'IMGISI' }],
      ['place', 'ريف حلب'],
    ],
    events: [
      { trigger: '— [بحث]', source: ['وزير الدفاع الروسي', 'RUSMIL'], target: ['الرئيس السوري', 'SYRGOV'], cameo: '040', goldstein: 1, quad: 1, plover: ['CONSULT', 'military'], modality: 'asserted', attribution: ['', 'none'], date: '2016-04-04', place: ['في [دمشق]'], confidence: 0.84, rule: 'verb:بحث+مع' },
      { trigger: 'هددت', source: ['فصائل المعارضة المسلحة', 'SYRREB'], target: ['الغارات الجوية الروسية', 'RUSMIL'], cameo: '138', goldstein: -7, quad: 3, plover: ['THREATEN', 'military'], modality: 'asserted', attribution: ['', 'none'], date: '2016-04-04', place: ['قرب [حلب]'], confidence: 0.69, rule: 'verb:هدد+ب' },
      { trigger: 'قصفت', source: ['الطائرات الروسية', 'RUSMIL'], target: ['تنظيم الدولة', 'IMGISI'], cameo: '195', goldstein: -10, quad: 4, plover: ['ASSAULT', 'aerial'], modality: 'reported', attribution: ['وكالة الأنباء السورية', 'media'], date: '2016-04-05', place: ['ريف حلب'], confidence: 0.81, rule: 'verb:قصف' },
    ],
  },
  {
    id: 'mock-006',
    published: '2016-04-20',
    source: 'صحيفة تجريبية',
    text:
      'المغرب والاتحاد الأوروبي يوقعان اتفاقا للتعاون\n' +
      'الرباط — وقع المغرب والاتحاد الأوروبي في الرباط اتفاقا لتعزيز التعاون في مجال الهجرة، وأشاد الاتحاد الأوروبي بجهود المملكة في مكافحة الإرهاب. ' +
      'واحتج مئات المتظاهرين أمام البرلمان في الرباط على غلاء الأسعار.',
    mentions: [
      ['place', '[الرباط] —'],
      ['trigger', '— [وقع]', 0, { cameo: '057' }],
      ['actor', 'وقع [المغرب]', 0, { code: 'MAR' }],
      ['actor', 'المغرب و[الاتحاد الأوروبي] في', 0, { code: 'IGOEUR' }],
      ['place', 'في [الرباط] اتفاقا'],
      ['trigger', 'أشاد', 0, { cameo: '051' }],
      ['actor', 'وأشاد [الاتحاد الأوروبي]', 0, { code: 'IGOEUR' }],
      ['actor', 'المملكة', 0, { code: 'MAR' }],
      ['trigger', 'احتج', 0, { cameo: '141' }],
      ['actor', 'مئات المتظاهرين', 0, { code: 'MARCVL' }],
      ['entity', 'البرلمان', 0, { type: 'ORG' }],
      ['place', 'في [الرباط] على'],
    ],
    events: [
      { trigger: '— [وقع]', source: ['وقع [المغرب]', 'MAR'], target: ['المغرب و[الاتحاد الأوروبي] في', 'IGOEUR'], cameo: '057', goldstein: 8, quad: 1, plover: ['AGREE', 'migration'], modality: 'asserted', attribution: ['', 'none'], date: '2016-04-20', place: ['في [الرباط] اتفاقا'], confidence: 0.9, rule: 'verb:وقع+اتفاقا' },
      { trigger: 'أشاد', source: ['وأشاد [الاتحاد الأوروبي]', 'IGOEUR'], target: ['المملكة', 'MAR'], cameo: '051', goldstein: 3.5, quad: 1, plover: ['SUPPORT', ''], modality: 'asserted', attribution: ['', 'none'], date: '2016-04-20', place: ['في [الرباط] اتفاقا'], confidence: 0.76, rule: 'verb:أشاد+ب' },
      { trigger: 'احتج', source: ['مئات المتظاهرين', 'MARCVL'], target: null, cameo: '141', goldstein: -6.5, quad: 3, plover: ['PROTEST', 'demonstrate'], modality: 'asserted', attribution: ['', 'none'], date: '2016-04-20', place: ['في [الرباط] على'], confidence: 0.73, rule: 'verb:احتج' },
    ],
  },
];

// Offsets of the attribution phrase: its occurrence nearest before the trigger,
// else the first one.
function offsetsOf(text, phrase, before) {
  const cps = Array.from(text);
  const joined = cps.join('');
  let best = null;
  let idx = joined.indexOf(phrase);
  while (idx >= 0) {
    const start = cpLen(joined.slice(0, idx));
    if (best === null || start <= before) best = start;
    if (start > before) break;
    idx = joined.indexOf(phrase, idx + 1);
  }
  return best === null ? {} : { start: best, end: best + cpLen(phrase) };
}

// Stable pseudo-hash for event ids (FNV-1a, hex).
function fnv(s) {
  let h = 0x811c9dc5;
  for (const ch of s) {
    h ^= ch.codePointAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export function buildFixtures() {
  const documents = [];
  const events = [];
  for (const d of DOCS) {
    const text = d.text;
    const title = text.split('\n')[0];
    const sentences = splitSentences(text);
    const mentions = d.mentions.map(([kind, needle, nth = 0, extra = {}]) => {
      const s = span(text, needle, nth);
      const m = { kind, text: s.text, start: s.start, end: s.end, ...extra };
      const info = PLACES[bare(needle)];
      if (kind === 'place' && info && m.lat === undefined) Object.assign(m, { country: info.country, name_en: info.name_en, lat: info.lat, lon: info.lon });
      return m;
    });
    const docEvents = [];
    for (const e of d.events) {
      const trig = span(text, e.trigger, e.triggerNth ?? 0);
      const cps = Array.from(text);
      const sentenceIndex = sentences.findIndex((s) => s.start <= trig.start && trig.end <= s.end);
      const sent = sentences[sentenceIndex];
      const actor = (a) => (a ? { ...span(text, a[0], a[2] ?? 0), code: a[1] } : null);
      let location = null;
      if (e.place) {
        const p = span(text, e.place[0], e.place[1] ?? 0);
        const info = PLACES[bare(e.place[0])];
        location = { text: p.text, name_en: info.name_en, country: info.country, lat: info.lat, lon: info.lon, start: p.start, end: p.end };
      }
      const ev = {
        doc_id: d.id,
        event_id: '',
        sentence_index: sentenceIndex,
        sentence: cps.slice(sent.start, sent.end).join(''),
        sentence_start: sent.start,
        trigger: trig,
        source: actor(e.source),
        target: actor(e.target),
        cameo: e.cameo,
        cameo_root: e.cameo.slice(0, 2),
        goldstein: e.goldstein,
        quad_class: e.quad,
        plover: { event: e.plover[0] || null, mode: e.plover[1] || null },
        modality: e.modality,
        attribution: e.attribution[0]
          ? { text: e.attribution[0], kind: e.attribution[1], ...offsetsOf(text, e.attribution[0], trig.start) }
          : { text: null, kind: e.attribution[1] },
        date: e.date,
        date_precision: e.date ? e.precision ?? 'day' : null,
        location,
        confidence: e.confidence,
        rule: e.rule,
        doc_title: title,
        published: d.published,
      };
      const key = `${d.id}|${sentenceIndex}|${trig.start}:${trig.end}|${e.cameo}`;
      ev.event_id = fnv(key) + fnv(`${key}#2`);
      docEvents.push(ev);
      events.push(ev);
    }
    documents.push({
      id: d.id,
      title,
      text,
      published: d.published,
      url: d.url ?? null,
      source: d.source,
      sentences,
      mentions,
      events: docEvents,
    });
  }
  return { documents, events };
}
