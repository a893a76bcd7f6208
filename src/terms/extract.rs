//! Candidate extraction: tag tokens with the lexicon, find acronyms, codes,
//! names and multi-word terms, group their variants, score them.

use std::collections::HashSet;
use std::hash::Hasher;

use crate::language::Evidence;
use crate::text::{FxHashMap as HashMap, Interner};

use super::general::Reference;
use super::grammar::{Locutions, Match, Places};
use super::lexicon::{Lexicon, Tags, WordAnalysis};
use super::token::{Shape, Token, tokenize_into};
use super::{Candidate, ExtractorOptions, Kind};

/// What a token can be in a term, by its tags and shape.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Class(u32);

impl std::ops::BitOr for Class {
    type Output = Class;
    fn bitor(self, rhs: Class) -> Class {
        self.or(rhs)
    }
}

impl Class {
    const NOUN: Class = Class(1);
    const ADJ: Class = Class(1 << 1);
    /// A preposition that links the parts of a term (`de`, `à`, `contre`…).
    const LINK: Class = Class(1 << 2);
    /// An article that may follow a link (`la`, `l’`, `les`).
    const ARTICLE: Class = Class(1 << 3);
    /// Any other grammatical word, verb, adverb or punctuation: a boundary.
    const STOP: Class = Class(1 << 4);
    const PROPER: Class = Class(1 << 5);
    const ACRONYM: Class = Class(1 << 6);
    const CODE: Class = Class(1 << 7);
    const NUMBER: Class = Class(1 << 8);
    /// An adjective only as a verb's past participle (`présenté`).
    const PARTICIPLE: Class = Class(1 << 9);
    /// A proper name made of joined parts (`Nord–Sud`, `Aliyev-Poutine`).
    const JOINED: Class = Class(1 << 10);
    /// A noun or adjective that may also be a verb form (`continue`,
    /// `devenir`, `abattu`): the context decides.
    const VERB: Class = Class(1 << 11);
    /// An adjective derived from a place name (`russe`, `azerbaïdjanais`):
    /// relational, so a term on its own.
    const RELATIONAL: Class = Class(1 << 12);
    /// A first name, or a capitalised word the lexicon does not know: it
    /// may start a person's name (`Parlement | Sahiba Gafarova`).
    const FIRST: Class = Class(1 << 13);
    /// Names joined by dashes (`Bakou-Moscou`, `Aliyev–Poutine`): a relation
    /// between them, which modifies a noun (`relations Bakou-Moscou`) but is
    /// no name of its own.
    const LINKED_NAMES: Class = Class(1 << 14);
    /// An adjective derived from a place name (`russe`, `azerbaïdjanais`,
    /// `pro-russe`): a term on its own, its English a proper adjective.
    const PLACE: Class = Class(1 << 15);
    /// A verb form (`indemniser`, `abattu`): a verb's candidate where
    /// nothing else claims the word (a pure verb form, a participle, or a
    /// noun that the context makes a verb).
    const VERB_FORM: Class = Class(1 << 16);
    /// An adjective French places before its noun (`haut`, `nouveau`: see
    /// [`PRENOMINAL`]).
    const PRENOMINAL: Class = Class(1 << 17);
    /// A grammatical word that is also a noun (`personne`, `bien`): the
    /// noun only after a determiner (`une personne morale`, `les biens`).
    const DETERMINED: Class = Class(1 << 18);
    /// A verb's past participle, whatever else it may be (`visée`,
    /// `concerné`, `organisée`).
    const PAST: Class = Class(1 << 19);
    /// A verb's present participle, whatever else it may be (`instituant`,
    /// `contractant`).
    const PRESENT: Class = Class(1 << 20);

    fn has(self, c: Class) -> bool {
        self.0 & c.0 != 0
    }
    fn is_named(self) -> bool {
        self.has(Class(Self::PROPER.0 | Self::ACRONYM.0 | Self::CODE.0))
    }
    fn or(self, c: Class) -> Class {
        Class(self.0 | c.0)
    }
    /// Can modify a term's head: adjectives, nouns in apposition, acronyms,
    /// codes and joined names (`corridor Nord–Sud`), not persons' names.
    fn is_modifier(self) -> bool {
        self.has(Class(
            Self::NOUN.0 | Self::ADJ.0 | Self::ACRONYM.0 | Self::CODE.0 | Self::JOINED.0,
        ))
    }
}

const LINKS: &[&str] = &[
    "de", "d'", "du", "des", "à", "au", "aux", "contre", "sur", "pour",
];
const ARTICLES: &[&str] = &["la", "le", "l'", "les", "un", "une"];
/// Indefinite articles: in a term after a link (`crash d'un avion`), left
/// out of its grouping key and canonical form (`crash d'avion`).
const INDEFINITE: &[&str] = &["un", "une"];
/// Auxiliary verb forms the lexicon also knows as nouns (`est`, `a`, `été`,
/// `ayant`).
const AUXILIARIES: &[&str] = &[
    "a", "ai", "as", "avait", "avaient", "avoir", "aura", "auront", "aurait", "auraient", "ait",
    "aient", "eu", "ont", "est", "es", "sont", "était", "étaient", "été", "être", "sera", "seront",
    "serait", "seraient", "soit", "soient", "fut", "furent", "ayant", "étant",
];
/// Adjectives that work like determiners or point inside the text
/// (`autre`, `présent`, `relatif`, `susmentionné`) rather than classify a
/// thing: by lemma, never part of a term. Ordinals (`-ième`) are caught by
/// their suffix.
/// Adjectives that French places before the noun (beauty, age, goodness,
/// size, rank: `haut responsable`, `nouvelle escalade`, `bonne
/// gouvernance`); other adjectives follow it. Between two words that may
/// each be a noun or an adjective, only these make the first an adjective:
/// `marché intérieur`, `assemblée générale`, `secret professionnel`,
/// `personne morale` are a noun and its adjective.
const PRENOMINAL: &[&str] = &[
    "bon",
    "mauvais",
    "meilleur",
    "beau",
    "joli",
    "grand",
    "petit",
    "gros",
    "haut",
    "long",
    "court",
    "jeune",
    "vieux",
    "nouveau",
    "ancien",
    "vrai",
    "faux",
    "futur",
    "ex",
    "simple",
    "moindre",
    "pire",
    "large",
    "bref",
    "double",
    "demi",
    "plein",
    "principal",
    "éventuel",
    "dernier",
    "prochain",
];
/// Determiners besides the articles, after which a grammatical word that
/// is also a noun is the noun (`toute personne`).
const DETERMINERS: &[&str] = &[
    "du", "des", "au", "aux", "ce", "cet", "cette", "ces", "chaque", "toute", "tout", "toutes",
    "tous", "son", "sa", "ses", "leur", "leurs", "notre", "nos", "votre", "vos", "mon", "ma",
    "mes", "aucune", "aucun", "quelque", "quelques",
];
const DETERMINER_LIKE: &[&str] = &[
    "autre",
    "même",
    "tel",
    "certain",
    "divers",
    "différent",
    "plusieurs",
    "présent",
    "relatif",
    "seul",
    "premier",
    "second",
    "dernier",
    "prochain",
    "précédent",
    "suivant",
    "respectif",
    "éventuel",
    "susmentionné",
    "susvisé",
    "précité",
    "ci-dessus",
    "ci-dessous",
    // Which one the context or the moment means (`la personne concernée`,
    // `les structures existantes`, `la situation actuelle`), not what kind.
    "concerné",
    "existant",
    "actuel",
    "nombreux",
    "quelconque",
    // Modal adjectives: they say how likely or able, not what kind.
    "susceptible",
    "capable",
    "probable",
    "possible",
    "potentiel",
    "prêt",
    "apte",
];

/// Evaluative adjectives: the writer's judgement of a thing's weight,
/// fitness or likeness (`importance particulière`, `mesures concrètes`,
/// `dispositions pertinentes`, `cas similaires`) or of its necessity
/// (`mesures nécessaires`, like the modal adjectives above) or effect
/// (`règles claires`, `sanctions dissuasives`), not a
/// characteristic that makes a kind of it. Terminology's classifying
/// adjectives are relational or descriptive (`pénal`, `public`, `mutuel`);
/// these qualify any noun and make no term with it. By lemma. Left out on
/// purpose: adjectives with a classifying sense in some field as well
/// (`réel`: `droit réel`; `utile`: `charge utile`; `efficace`: `valeur
/// efficace`; `essentiel`: `huile essentielle`; `supplémentaire`: `heures
/// supplémentaires`; `raisonnable`: `délai raisonnable`; `complet`: `à
/// temps complet`; `exceptionnel`: `circonstances exceptionnelles`;
/// `grave`, `général`, `commun`).
const EVALUATIVE: &[&str] = &[
    "important",
    "particulier",
    "spécifique",
    "nécessaire",
    "indispensable",
    "suffisant",
    "pertinent",
    "approprié",
    "adéquat",
    "concret",
    "considérable",
    "notable",
    "remarquable",
    "excellent",
    "intéressant",
    "satisfaisant",
    "récent",
    "similaire",
    "comparable",
    "délicat",
    "crucial",
    "primordial",
    "clair",
    "dissuasif",
];

/// Endings that make a number an ordinal (`30e`, `1er`, `2nde`) or a
/// numbering (`504bis`, `12ter`): still a number, no code.
const NUMBER_ENDINGS: &[&str] = &[
    "e", "er", "re", "ère", "ème", "eme", "nd", "nde", "bis", "ter", "quater",
];

/// Particles inside proper names (`Caucase du Sud`, `Charm el-Cheikh`).
const NAME_PARTICLES: &[&str] = &[
    "de", "du", "des", "d'", "l'", "la", "le", "von", "van", "al", "el", "bin", "ben",
];

/// Titles of office, which French capitalises out of courtesy when they
/// stand for their holder (`le Président`, `la Ministre`): titles all the
/// same, not names (forms of address, `M.`, `Mme`, are the lexicon's).
/// Not `général`: capitalised, it is as often a name's adjective
/// (`Conseil Général`, `Assemblée Générale`).
const OFFICE_TITLES: &[&str] = &[
    "président",
    "présidente",
    "vice-président",
    "vice-présidente",
    "ministre",
    "secrétaire",
    "commissaire",
    "directeur",
    "directrice",
    "rapporteur",
    "rapporteure",
    "procureur",
    "procureure",
    "juge",
    "gouverneur",
    "chancelier",
    "chancelière",
    "roi",
    "reine",
    "prince",
    "princesse",
    "pape",
    "maire",
    "sénateur",
    "sénatrice",
    "député",
    "députée",
    "ambassadeur",
    "ambassadrice",
    "colonel",
];

/// English function words that French lacks: between capitalised words
/// they join an English name or title, which English writes with them in
/// lower case (`Clean Air is Good Business`, `Rules of Conduct`).
const ENGLISH_PARTICLES: &[&str] = &["of", "and", "for", "through", "the", "with", "by", "is"];

/// The per-word facts the extractor needs, computed once per spelling.
#[derive(Debug)]
struct Word {
    class: Class,
    /// The lemma (lower case): what general French is asked about.
    lemma: Box<str>,
    /// The form a term's head or agreeing adjective takes in the canonical
    /// (singular) form, when it differs.
    singular: Option<String>,
    /// Gender and number the word can have: bits for feminine singular,
    /// feminine plural, masculine singular, masculine plural.
    agreement: u8,
    /// The infinitive of its verb readings, if any.
    verb: Option<Box<str>>,
    /// For a past participle, its masculine singular (`abattues` →
    /// `abattu`): how a verb used only so is cited.
    participle: Option<Box<str>>,
    /// For an adjective with a second masculine singular, the one French
    /// writes before a vowel or a mute h (`nouveau` → `nouvel`, `beau` →
    /// `bel`, `vieux` → `vieil`).
    elided: Option<Box<str>>,
}

const ANY_AGREEMENT: u8 = 0b1111;

fn agreement_of(t: Tags) -> u8 {
    let genders: u8 = match (t.contains(Tags::FEMININE), t.contains(Tags::MASCULINE)) {
        (true, false) => 0b0011,
        (false, true) => 0b1100,
        _ => 0b1111,
    };
    let numbers: u8 = match (t.contains(Tags::SINGULAR), t.contains(Tags::PLURAL)) {
        (true, false) => 0b0101,
        (false, true) => 0b1010,
        _ => 0b1111,
    };
    genders & numbers
}

/// `anticorruption`, `antifraude`: an adjective made of `anti` and a noun,
/// which French often leaves invariable (`des mesures anticorruption`).
fn is_anti_noun(lex: &Lexicon, lemma: &str) -> bool {
    lemma.strip_prefix("anti").is_some_and(|noun| {
        noun.chars().count() >= 3
            && lex
                .analyse(noun)
                .iter()
                .any(|a| a.tags.contains(Tags::NOUN))
    })
}

/// `agreement` in either number, for the genders it has.
fn any_number(agreement: u8) -> u8 {
    let feminine = if agreement & 0b0011 != 0 { 0b0011 } else { 0 };
    let masculine = if agreement & 0b1100 != 0 { 0b1100 } else { 0 };
    feminine | masculine
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// `deuxième`, `vingt-et-unième`: ordinal adjectives.
fn is_ordinal(lemma: &str) -> bool {
    lemma.ends_with("ième")
}

/// Roman numerals of chapters and titles (`II`, `XIV`).
fn is_roman(text: &str) -> bool {
    text.len() <= 5 && text.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

/// The lexicon and what is derived from it, as classifying a word needs.
struct Grammar<'l> {
    lexicon: &'l Lexicon,
    places: std::borrow::Cow<'static, Places>,
    locutions: &'static Locutions,
    /// The lexicon's readings of the words asked recently ([`Grammar::analyse`]).
    readings: std::cell::RefCell<HashMap<Box<str>, Vec<WordAnalysis<'l>>>>,
}

/// Most words whose readings [`Grammar::analyse`] keeps.
const RECENT_READINGS: usize = 4096;

impl<'l> Grammar<'l> {
    /// The lexicon's readings of `word`, each word analysed once while it
    /// is recent: tagging a spelling asks them of its folded, exact and
    /// lower-case forms, and of each again as a sentence's first word (an
    /// analysis costs thousands of instructions, a lookup here about a
    /// hundred). The table is emptied when it holds [`RECENT_READINGS`]
    /// words, so that it stays small whatever the vocabulary.
    fn analyse(&self, word: &str) -> Vec<WordAnalysis<'l>> {
        if let Some(readings) = self.readings.borrow().get(word) {
            return readings.clone();
        }
        let readings = self.lexicon.analyse(word);
        let mut recent = self.readings.borrow_mut();
        if recent.len() >= RECENT_READINGS {
            recent.clear();
        }
        recent.insert(word.into(), readings.clone());
        readings
    }

    /// True when `word` has some reading.
    fn knows(&self, word: &str) -> bool {
        !self.analyse(word).is_empty()
    }
}

/// Particles that join a name to its next part with a hyphen (`el-Cheikh`,
/// `al-Assad`, `ben-Gourion`).
const JOINED_PARTICLES: &[&str] = &["el-", "al-", "ul-", "ben-", "bin-", "ibn-", "abu-", "abou-"];

fn classify(g: &Grammar, text: &str, shape: Shape, initial: bool) -> Word {
    let lex = g.lexicon;
    let folded = crate::text::match_key(text);
    let plain = |class| Word {
        class,
        lemma: folded.as_str().into(),
        singular: None,
        agreement: ANY_AGREEMENT,
        verb: None,
        participle: None,
        elided: None,
    };
    match shape {
        Shape::Punct => return plain(Class::STOP),
        Shape::Number => {
            return plain(if text.contains('+') {
                Class::CODE
            } else {
                Class::NUMBER
            });
        }
        Shape::Elision => {
            return plain(match folded.as_str() {
                "d'" => Class::LINK,
                "l'" => Class::ARTICLE,
                _ => Class::STOP,
            });
        }
        Shape::Word => {}
    }
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let upper = text.chars().filter(|c| c.is_uppercase()).count();
    let digits = text.chars().any(|c| c.is_ascii_digit());
    if digits {
        // A known word with a footnote's call glued to it (`corruption15`)
        // is no code, and a number with an ordinal's or a numbering's
        // ending (`30e`, `1er`, `504bis`) is a number.
        let word = text.trim_end_matches(|c: char| c.is_ascii_digit());
        if word.len() < text.len()
            && word.chars().count() >= 3
            && word.chars().all(char::is_alphabetic)
            && g.knows(&word.to_lowercase())
        {
            return plain(Class::STOP);
        }
        let ending = text.trim_start_matches(|c: char| c.is_ascii_digit());
        if ending.len() < text.len() && NUMBER_ENDINGS.contains(&ending.to_lowercase().as_str()) {
            return plain(Class::NUMBER);
        }
        return plain(if letters > 0 {
            Class::CODE
        } else {
            Class::NUMBER
        });
    }
    if letters >= 2 && upper == letters {
        if is_roman(text) {
            return plain(Class::NUMBER);
        }
        // A long word in capitals that the lexicon knows in lower case is a
        // word of a heading (`MESURES`), not an acronym.
        let lower = text.to_lowercase();
        if letters >= 5 && g.knows(&lower) {
            return classify(g, &lower, shape, false);
        }
        return plain(Class::ACRONYM);
    }
    // `el-Cheikh`, `al-Assad`: a name's part, joined to the one before.
    if JOINED_PARTICLES.iter().any(|p| {
        folded.starts_with(p)
            && text[p.len()..]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    }) {
        return plain(Class::PROPER.or(Class::JOINED));
    }
    if LINKS.contains(&folded.as_str()) {
        return plain(Class::LINK);
    }
    // An English function word in a quoted title is no French noun.
    if ENGLISH_PARTICLES.contains(&folded.as_str()) && !g.knows(&folded) {
        return plain(Class::STOP);
    }
    if ARTICLES.contains(&folded.as_str()) {
        // French writes a place's article in lower case (`la France`)
        // unless it is part of the name (`La Haye`, `Le Caire`): capitalised
        // mid-sentence, it starts a name.
        if !initial && is_capitalised(text) && !INDEFINITE.contains(&folded.as_str()) {
            return plain(Class::ARTICLE.or(Class::PROPER));
        }
        return plain(Class::ARTICLE);
    }
    if AUXILIARIES.contains(&folded.as_str()) {
        return plain(Class::STOP);
    }
    if letters == 1 || (letters < 3 && upper == 0) {
        // Abbreviations and letters (`p.`, `s`, `no`) head no term.
        return plain(Class::STOP);
    }
    let capitalised = is_capitalised(text);
    let exact = g.analyse(text);
    // Titles and forms of address (`Mme`, `Dr`) are beside a name, not in it.
    if exact
        .iter()
        .any(|a| a.tags.contains(Tags::TITLE) && !a.tags.contains(Tags::NOUN))
    {
        return plain(Class::STOP);
    }
    if capitalised {
        let proper = exact.iter().any(|a| a.tags.contains(Tags::PROPER));
        let lower: String = {
            let mut c = text.chars();
            c.next()
                .map(|f| f.to_lowercase().chain(c).collect())
                .unwrap_or_default()
        };
        let joined = if text.contains(['-', '\u{2013}', '\u{2011}']) {
            // Every part a proper name: one the lexicon has as such, or
            // whose lower case it does not know (`Nord`, `Moyen` are words).
            let linked = text.split(['-', '\u{2013}', '\u{2011}']).all(|part| {
                is_capitalised(part)
                    && (g
                        .analyse(part)
                        .iter()
                        .any(|a| a.tags.contains(Tags::PROPER))
                        || !g.knows(&part.to_lowercase()))
            });
            if linked {
                Class::JOINED.or(Class::LINKED_NAMES)
            } else {
                Class::JOINED
            }
        } else {
            Class::default()
        };
        // A title of office keeps its courtesy capital (`le Président`,
        // `la Ministre`) but stays a title, not a name nor part of the
        // holder's (`le Président | Martin`).
        if OFFICE_TITLES.contains(&folded.as_str()) {
            return classify(g, &lower, shape, false);
        }
        // A capitalised grammatical word (`Cette`, `Une` after a number) is
        // still grammatical.
        if !proper
            && g.analyse(&lower)
                .iter()
                .any(|a| a.tags.contains(Tags::FUNCTION))
        {
            return classify(g, &lower, shape, false);
        }
        // Mid-sentence capitals mark names in French (le Congrès, la Chambre);
        // a capitalised common noun still heads a term (l'Union européenne).
        let known_lower = g.knows(&lower);
        if !initial || proper || !known_lower {
            let as_lower = classify(g, &lower, shape, false);
            // A word French has only as an adverb or a verb (`(1)
            // Parallèlement`, after a list's mark) is no name.
            if !proper && known_lower && !as_lower.class.has(Class::NOUN | Class::ADJ) {
                return as_lower;
            }
            if !proper && as_lower.class.has(Class::NOUN) && known_lower {
                // Its singular keeps the capital the text gives it mid-sentence
                // (`États membres` → `État membre`): it is part of the word
                // (the State, the Church), not the sentence's.
                let singular = as_lower.singular.as_deref().map(upper_initial);
                return Word {
                    class: Class::PROPER.or(Class::NOUN).or(joined),
                    singular,
                    ..as_lower
                };
            }
            let first = exact.iter().any(|a| a.tags.contains(Tags::FIRST_NAME))
                || (exact.is_empty() && !known_lower);
            let first = if first {
                Class::FIRST
            } else {
                Class::default()
            };
            return plain(Class::PROPER.or(joined).or(first));
        }
        return classify(g, &lower, shape, false);
    }
    // An unknown compound takes the class of its last part (privé-public),
    // and keeps its first parts in its lemma (`pro-russes` → `pro-russe`).
    let mut first_parts = "";
    let analyses = if exact.is_empty() {
        text.rsplit(['-', '\u{2013}', '\u{2011}'])
            .next()
            .filter(|last| *last != text)
            .map(|last| {
                first_parts = &text[..text.len() - last.len()];
                g.analyse(last)
            })
            .unwrap_or_default()
    } else {
        exact
    };
    if analyses.is_empty() {
        // Open-class word the lexicon lacks: a noun or an adjective.
        if text.chars().count() < 3 {
            return plain(Class::STOP);
        }
        return plain(Class::NOUN.or(Class::ADJ));
    }
    if analyses.iter().any(|a| {
        a.tags.contains(Tags::ADJ) && (DETERMINER_LIKE.contains(&a.lemma) || is_ordinal(a.lemma))
    }) {
        return plain(Class::STOP);
    }
    // A grammatical word that is also a noun (`personne`) is the noun only
    // after a determiner: [`disambiguate`] decides. So is an evaluative
    // adjective (`les particuliers`, `l'important`): as an adjective it is
    // no part of a term.
    let grammatical = analyses.iter().any(|a| {
        a.tags.contains(Tags::FUNCTION)
            || (a.tags.contains(Tags::ADJ) && EVALUATIVE.contains(&a.lemma))
    });
    let analyses: Vec<_> = if grammatical {
        analyses
            .into_iter()
            .filter(|a| a.tags.contains(Tags::NOUN) && !a.tags.contains(Tags::FUNCTION))
            .collect()
    } else {
        analyses
    };
    if analyses.is_empty() {
        return plain(Class::STOP);
    }
    // A noun invariable in number (`fonds`, `cours`, `pays`: `-s`, `-x`,
    // `-z` in the lexicon's `is:inv`) is its own singular, even where the
    // form is also another noun's plural (`fond`): `fonds publics` cites as
    // `fonds public`, not `fond public`.
    let invariable_noun = analyses
        .iter()
        .any(|a| a.tags.contains(Tags::NOUN) && !a.tags.intersects(Tags::PLURAL | Tags::VERB))
        && text.ends_with(['s', 'x', 'z']);
    let mut class = Class::default();
    let mut singular = None;
    let mut agreement = 0;
    let mut adjective = false;
    let mut lemma: Option<(bool, &str)> = None;
    let mut verb: Option<&str> = None;
    let mut participle = false;
    for a in &analyses {
        let t = a.tags;
        if t.contains(Tags::VERB) {
            verb.get_or_insert(a.lemma);
            participle |= t.contains(Tags::PAST_PARTICIPLE);
            if t.contains(Tags::PRESENT_PARTICIPLE) {
                class = class.or(Class::PRESENT);
            }
        }
        if t.intersects(Tags::NOUN | Tags::ADJ | Tags::PAST_PARTICIPLE) {
            agreement |= agreement_of(t);
            // The noun's lemma first, else the adjective's.
            let noun = t.contains(Tags::NOUN);
            if lemma.is_none_or(|(was_noun, _)| noun && !was_noun) {
                lemma = Some((noun, a.lemma));
            }
        }
        adjective |= t.contains(Tags::ADJ) && !t.contains(Tags::VERB);
        if t.contains(Tags::NOUN) {
            class = class.or(Class::NOUN);
        }
        if t.contains(Tags::ADJ) || t.contains(Tags::PAST_PARTICIPLE) {
            class = class.or(Class::ADJ);
        }
        if t.contains(Tags::VERB) {
            class = class.or(Class::VERB);
        }
        if t.contains(Tags::ADJ) && PRENOMINAL.contains(&a.lemma) {
            class = class.or(Class::PRENOMINAL);
        }
        if t.contains(Tags::ADJ) && !t.contains(Tags::VERB) && g.places.derives(a.lemma) {
            class = class.or(Class::RELATIONAL);
            if g.places.of_place(a.lemma) {
                class = class.or(Class::PLACE);
            }
        }
        if (t.contains(Tags::NOUN) || t.contains(Tags::ADJ) || t.contains(Tags::PAST_PARTICIPLE))
            && singular.is_none()
            && !invariable_noun
        {
            let feminine = t.contains(Tags::FEMININE);
            if t.contains(Tags::PLURAL) && !t.contains(Tags::SINGULAR) {
                let gender = if feminine {
                    Tags::FEMININE
                } else if t.contains(Tags::MASCULINE) {
                    Tags::MASCULINE
                } else {
                    Tags::empty()
                };
                let want = if t.contains(Tags::PAST_PARTICIPLE) {
                    Tags::PAST_PARTICIPLE | Tags::SINGULAR | gender
                } else {
                    Tags::SINGULAR | gender
                };
                singular = lex
                    .forms(a.lemma, want)
                    .into_iter()
                    .min_by_key(|f| (f.len().abs_diff(text.len()), f.clone()))
                    // An unknown compound's singular keeps its first parts
                    // (`auto-évaluations` → `auto-évaluation`): it is
                    // another word than its last part.
                    .map(|f| format!("{first_parts}{f}"));
            }
        }
    }
    if !class.has(Class::NOUN | Class::ADJ) {
        class = Class::STOP;
    }
    if class.has(Class::ADJ) && !adjective {
        class = class.or(Class::PARTICIPLE);
    }
    if grammatical {
        class = class.or(Class::DETERMINED);
    }
    if adjective && is_anti_noun(lex, lemma.map_or(folded.as_str(), |(_, l)| l)) {
        agreement = any_number(agreement);
    }
    if participle {
        class = class.or(Class::PAST);
    }
    let participle = verb.filter(|_| participle).and_then(|v| {
        lex.forms(v, Tags::PAST_PARTICIPLE | Tags::MASCULINE | Tags::SINGULAR)
            .into_iter()
            .next()
    });
    if verb.is_some() && first_parts.is_empty() {
        class = class.or(Class::VERB_FORM);
    }
    // The lexicon gives both masculine singulars (`nouveau`, `nouvel`); the
    // one in `-l` is the form before a vowel or a mute h.
    let elided = match lemma {
        Some((_, l)) if adjective && !l.ends_with('l') => lex
            .forms(l, Tags::ADJ | Tags::MASCULINE | Tags::SINGULAR)
            .into_iter()
            .find(|f| f.ends_with('l'))
            .map(|f| format!("{first_parts}{f}").into_boxed_str()),
        _ => None,
    };
    Word {
        class,
        verb: verb
            .filter(|_| first_parts.is_empty())
            .map(|v| v.to_lowercase().into()),
        participle: participle.map(String::into_boxed_str),
        lemma: lemma
            .map_or_else(
                || folded.clone(),
                |(_, l)| format!("{first_parts}{l}").to_lowercase(),
            )
            .into(),
        singular,
        agreement,
        elided,
    }
}

/// Decides, from the words around them, the tokens whose class the word
/// alone leaves open: a noun or adjective that may be a verb form is one
/// after a subject pronoun or a negation (`qui continue`, `se préparent`),
/// a participle after an auxiliary (`a été abattu`); the words of a
/// locution (`au fil de`, `de son côté`, `demander des comptes à`) are no
/// other term's. The verbal idioms' matches go to `idioms`.
fn disambiguate(
    g: &Grammar,
    sentence: &str,
    tokens: &[Token],
    tagged: &mut [Tagged],
    verbs: &[Box<[Box<str>]>],
    idioms: &mut Vec<Match>,
) {
    idioms.clear();
    let text = |i: usize| &sentence[tokens[i].span.clone()];
    // `non` between a term's word and an adjective is part of the
    // adjective (`organisation non gouvernementale`, `responsabilité non
    // contractuelle`): a modifier that ends nothing.
    for k in 1..tagged.len().saturating_sub(1) {
        if tagged[k].marks.has(Marks::NON)
            && tagged[k].gap != NOT_ADJACENT
            && tagged[k + 1].gap != NOT_ADJACENT
            && tagged[k - 1].class.is_modifier()
            && tagged[k + 1].class.has(Class::ADJ)
        {
            tagged[k].class = Class::ADJ;
            tagged[k].agreement = ANY_AGREEMENT;
        }
    }
    for k in 0..tagged.len() {
        if !tagged[k].class.has(Class::DETERMINED) {
            continue;
        }
        let determined = k.checked_sub(1).is_some_and(|d| {
            tagged[d].class.has(Class::ARTICLE)
                || DETERMINERS.contains(&crate::text::match_key(text(d)).as_str())
        });
        // `le plus complet`, `les moins chers`: after an article and before
        // an adjective, `plus` and `moins` are the superlative's adverbs.
        let superlative = matches!(crate::text::match_key(text(k)).as_str(), "plus" | "moins")
            && tagged
                .get(k + 1)
                .is_some_and(|t| t.gap != NOT_ADJACENT && t.class.has(Class::ADJ));
        if !determined || superlative {
            tagged[k].class = Class::STOP;
        }
    }
    for k in 1..tagged.len() {
        let class = tagged[k].class;
        let before = tagged[k - 1].marks;
        if (class.has(Class::VERB) && before.has(Marks::CLITIC))
            || (class.has(Class::PARTICIPLE) && before.has(Marks::AUXILIARY))
        {
            tagged[k].class = Class(Class::STOP.0 | class.0 & Class::VERB_FORM.0);
        }
    }
    // A noun-or-adjective right before a common noun it agrees with is that
    // noun's adjective (`nouvelle escalade`, `haut responsable`), no head;
    // before a word that may be an adjective too, only if French puts it
    // before nouns (`marché intérieur`, `personnes morales`: a noun and its
    // adjective).
    for k in 0..tagged.len().saturating_sub(1) {
        let (class, next) = (tagged[k].class, tagged[k + 1]);
        if class.has(Class::NOUN)
            && class.has(Class::ADJ)
            && !class.is_named()
            && next.gap != NOT_ADJACENT
            && next.class.has(Class::NOUN)
            && (!next.class.has(Class::ADJ) || class.has(Class::PRENOMINAL))
            && !next.class.is_named()
            && next.agreement & tagged[k].agreement != 0
        {
            tagged[k].class = Class::STOP;
        }
    }
    // A noun-or-adjective joined by `et`/`ou` to an adjective of a noun,
    // all three agreeing, is an adjective too (`personnes physiques ou
    // morales`), no head.
    for k in 3..tagged.len() {
        let agree = |i: usize| tagged[i].agreement & tagged[k].agreement != 0;
        let adjacent = (k - 2..=k).all(|i| tagged[i].gap != NOT_ADJACENT);
        let class = tagged[k].class;
        if adjacent
            && class.has(Class::NOUN)
            && class.has(Class::ADJ)
            && !class.is_named()
            && tagged[k - 1].marks.has(Marks::CONJUNCTION)
            && tagged[k - 2].class.has(Class::ADJ)
            && tagged[k - 3].class.has(Class::NOUN)
            && agree(k - 2)
            && agree(k - 3)
        {
            tagged[k].class = Class(class.0 & !Class::NOUN.0);
        }
    }
    for k in 0..tagged.len() {
        if !tagged[k].marks.has(Marks::ANCHOR) {
            continue;
        }
        let anchor = crate::text::match_key(text(k));
        let is_verb = |i: usize, v: &str| {
            verbs[(tagged[i].word / 2) as usize]
                .iter()
                .any(|l| &**l == v)
        };
        if let Some(m) = g.locutions.around(&anchor, k, tagged.len(), text, is_verb) {
            for t in &mut tagged[m.tokens.clone()] {
                t.class = Class::STOP;
            }
            if m.idiom.is_some() {
                idioms.push(m);
            }
        }
    }
}

/// The statistics of one candidate (by grouping key). What every
/// occurrence adds to (`kind_votes`, `count`, `framed`, the counts of
/// `variants` and `canonical_votes`, `words`) is tallied per signature in
/// [`Occurrence`]s while reading, and added in by [`tally`] at the end.
#[derive(Debug, Default)]
struct Stat {
    kind_votes: [usize; 4],
    count: usize,
    /// Every spelling seen, each once, with its count.
    variants: Vec<(String, usize)>,
    /// The canonical forms proposed, each once, with their counts.
    canonical_votes: Vec<(String, usize)>,
    words: usize,
    context: Option<(u32, usize, String)>,
    expansions: HashMap<String, usize>,
    /// Has a code or a joined name in it (`corridor Nord–Sud`).
    named_part: bool,
    /// Occurrences of a single word inside a prepositional locution
    /// (`en vigueur`, `au sein de`, `en matière de`).
    framed: usize,
    /// Occurrences right after a bare `à` and a bare `en`, not followed by
    /// `de` (`à huis clos`, `en coulisses`): an adverbial locution's.
    frames: [usize; 2],
    /// Its lemmas (`espace aérien`), as general French is asked about them.
    lemma: String,
    /// The class of its word, for a one-word candidate.
    single: Class,
    /// At most three content words, no article, a name or code last
    /// (`corridor de transport Nord–Sud`, not `segment du corridor…`): a
    /// term with a named part so short is kept from one occurrence.
    short: bool,
    /// Of its occurrences, those that read as an institution's name by
    /// their capitals (`Comité des régions`): when all do, it is kept from
    /// one occurrence, as a name.
    institutional: usize,
    /// A verb's (grouped by its infinitive).
    verb: bool,
    /// A lone adjective's (grouped by its lemma), whatever else its word
    /// may be.
    adjective: bool,
    /// Of a verb's occurrences, those followed by `que`: a verb of saying
    /// or thinking (`affirmer que`, `estimer que`), no term.
    clausal: usize,
    /// Of a phrase's occurrences ending on a word that may be a verb's
    /// participle, those followed by a preposition (`infraction visée à
    /// l'article`, `personne concernée par`): the participle governs a
    /// complement, a verb's use, not a term's adjective. So do a noun and a
    /// noun that may be a verb followed by an article or `que` (`Commission
    /// invite les`, `Commission estime que`): a subject and its verb.
    governed: usize,
    /// Of a phrase's occurrences ending on a complement's noun, those
    /// followed by an adjective agreeing with it (`convention des Nations |
    /// unies`, `intérêts financiers des Communautés | européennes`): cut
    /// off from its own adjective.
    cut: usize,
    /// Of a single word's occurrences, those followed by a number
    /// (`article 3`, `paragraphe 2`): the label of a numbered part of a
    /// text, a reference rather than a concept, where that is its main use.
    numbered: usize,
    /// Where a term joins a definite complement (`lutte contre la
    /// corruption`, `rapport de la Commission`): the grouping keys of what
    /// comes before the link and after the article, at each such link.
    junctions: Vec<(Box<str>, Box<str>)>,
}

/// Pronouns and negations after which a word is a verb (`qui continue`,
/// `elle fait`, `ne cesse`, `se préparent`).
const CLITICS: &[&str] = &[
    "il", "elle", "on", "ils", "elles", "je", "j'", "tu", "ne", "n'", "se", "s'", "qui", "me",
    "m'", "te", "t'",
];

/// Prepositions that open a locution around a noun (`au sein de`).
const LOCUTION_PREPOSITIONS: &[&str] = &["à", "au", "aux", "en", "sur", "dans", "par", "sous"];

/// What the candidate passes ask of a token's folded text, as bits, so that
/// they need not fold the text again at every occurrence.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Marks(u16);

impl Marks {
    /// Joins the parts of a name (`du`, `el`), or ends in a hyphen.
    const NAME_PARTICLE: Marks = Marks(1);
    /// `en`, which opens a locution by itself (`en vigueur`).
    const EN: Marks = Marks(1 << 1);
    /// `de`, `d'`, `du`, `des`, which close a locution (`au sein de`).
    const DE: Marks = Marks(1 << 2);
    /// One of [`LOCUTION_PREPOSITIONS`].
    const PREPOSITION: Marks = Marks(1 << 3);
    /// One of [`ARTICLES`] (`à l'égard de`).
    const ARTICLE: Marks = Marks(1 << 4);
    /// A pronoun or negation that only a verb follows (`il`, `ne`, `se`, `qui`).
    const CLITIC: Marks = Marks(1 << 5);
    /// A form of `avoir` or `être`, after which a participle is a verb.
    const AUXILIARY: Marks = Marks(1 << 6);
    /// The word some grammatical locution is looked up by.
    const ANCHOR: Marks = Marks(1 << 7);
    /// `se`, `s'`: a pronominal verb follows (`s'excuser`, `s'est excusé`).
    const REFLEXIVE: Marks = Marks(1 << 8);
    /// A word that is only an adverb (`déjà`, `pas`), or a negation.
    const ADVERB: Marks = Marks(1 << 9);
    /// `un`, `une` (see [`INDEFINITE`]).
    const INDEFINITE: Marks = Marks(1 << 10);
    /// `à`, which opens an adverbial locution (`à huis clos`).
    const A: Marks = Marks(1 << 11);
    /// `et`, `ou`, which join words of one kind.
    const CONJUNCTION: Marks = Marks(1 << 12);
    /// `du`, `des`, `au`, `aux`: a preposition holding a definite article.
    const CONTRACTED: Marks = Marks(1 << 13);
    /// `non`, which negates the adjective after it (`organisation non
    /// gouvernementale`).
    const NON: Marks = Marks(1 << 14);
    /// One of [`ENGLISH_PARTICLES`]: joins the words of an English title
    /// or name.
    const ENGLISH: Marks = Marks(1 << 15);

    /// The marks of a spelling folded to `folded`, whose analyses are
    /// `readings`.
    fn of(folded: &str, readings: &[WordAnalysis<'_>]) -> Marks {
        let adverb = || !readings.is_empty() && readings.iter().all(|a| a.tags.contains(Tags::ADV));
        let mut marks = Marks::default();
        for (mark, yes) in [
            (
                Marks::NAME_PARTICLE,
                // A dash alone, spaced, is punctuation between names
                // (`Management – ABB`), no part of one.
                NAME_PARTICLES.contains(&folded)
                    || (folded.ends_with('-') && folded.chars().any(char::is_alphabetic)),
            ),
            (Marks::EN, folded == "en"),
            (Marks::DE, matches!(folded, "de" | "d'" | "du" | "des")),
            (Marks::PREPOSITION, LOCUTION_PREPOSITIONS.contains(&folded)),
            (Marks::ARTICLE, ARTICLES.contains(&folded)),
            (Marks::CLITIC, CLITICS.contains(&folded)),
            (Marks::AUXILIARY, AUXILIARIES.contains(&folded)),
            (Marks::ANCHOR, Locutions::french().is_anchor(folded)),
            (Marks::REFLEXIVE, matches!(folded, "se" | "s'")),
            (
                Marks::ADVERB,
                matches!(folded, "ne" | "n'" | "pas") || adverb(),
            ),
            (Marks::INDEFINITE, INDEFINITE.contains(&folded)),
            (Marks::A, folded == "à"),
            (Marks::CONJUNCTION, matches!(folded, "et" | "ou")),
            (Marks::NON, folded == "non"),
            (Marks::ENGLISH, ENGLISH_PARTICLES.contains(&folded)),
            (
                Marks::CONTRACTED,
                matches!(folded, "du" | "des" | "au" | "aux"),
            ),
        ] {
            if yes {
                marks.0 |= mark.0;
            }
        }
        marks
    }

    fn has(self, m: Marks) -> bool {
        self.0 & m.0 != 0
    }
}

/// What tagging a token needs of its spelling (its exact text), kept by
/// spelling id ([`Vocabulary::spellings`]) so that tagging a token is one
/// lookup.
#[derive(Clone, Copy, Debug)]
struct Spelling {
    marks: Marks,
    /// Class and agreement as a sentence's first word and elsewhere, from
    /// the spelling's [`Word`]s.
    tags: [Option<(Class, u8)>; 2],
    /// What the spelling tells of the text's language (its words, and
    /// which are English or French function words).
    language: Evidence,
}

/// A token as the candidate passes see it, copied out of its [`Spelling`]
/// so that the passes look nothing up per token.
#[derive(Clone, Copy, Debug)]
struct Tagged {
    class: Class,
    agreement: u8,
    marks: Marks,
    /// `2 × spelling id + initial`: what decides the token's
    /// classification, so its identity in a [`signature`].
    word: u32,
    /// The id of the whitespace before it ([`Vocabulary::gap`]), or
    /// [`NOT_ADJACENT`] when something else separates it from the previous
    /// token (or it is the first).
    gap: u32,
}

const NOT_ADJACENT: u32 = u32::MAX;

/// A tagged sentence and where it is.
struct Sentence<'a> {
    doc: u32,
    line: usize,
    text: &'a str,
    tokens: &'a [Token],
    tagged: &'a [Tagged],
}

impl Sentence<'_> {
    /// The text of tokens `range` (and what is between them).
    fn slice(&self, range: std::ops::Range<usize>) -> &str {
        &self.text[self.tokens[range.start].span.start..self.tokens[range.end - 1].span.end]
    }

    /// The context of occurrence `c`: the sentence, or in a sentence of more
    /// than [`CONTEXT_TOKENS`] tokens the tokens around it, so that a
    /// sentence of thousands of names is not copied once per candidate.
    fn context(&self, c: &Found) -> &str {
        if self.tokens.len() <= CONTEXT_TOKENS {
            return self.text.trim();
        }
        let side = CONTEXT_TOKENS / 2;
        let start = c.start.saturating_sub(side);
        let end = (c.end + side).min(self.tokens.len());
        self.slice(start..end)
    }
}

/// Most tokens of a candidate's context: a longer sentence is cut around
/// the occurrence.
const CONTEXT_TOKENS: usize = 100;

/// Every token text and run of whitespace between tokens seen so far.
struct Vocabulary {
    /// The id of each spelling (its exact text) seen so far.
    ids: HashMap<SpellingKey, u32>,
    /// By spelling id: what tagging a token needs of it.
    spellings: Vec<Spelling>,
    /// The ids of recently seen short spellings (most tokens: `de`, `la`,
    /// `,`), by [`short_spelling`] in [`RECENT_SLOTS`] slots, each the
    /// last one seen there: a token found here costs a multiplication and
    /// a comparison, not the spelling table's hashing and probing.
    recent: Box<[(u64, u32)]>,
    /// The same for spellings of 8 to 16 bytes ([`long_spelling`]: most
    /// of the other tokens, `corruption`, `européenne`), each slot the
    /// spelling's first and last eight bytes, its length and its id.
    recent_long: Box<[(u64, u64, u8, u32)]>,
    /// By spelling id: its classification as a sentence's first word and
    /// elsewhere, each computed on first need. The first classification
    /// stays, whatever the shape of later tokens.
    words: Vec<[Option<Word>; 2]>,
    /// By spelling id: the infinitives of the verbs it may be a form of
    /// (the verbal idioms' verb slots ask it of every token around an
    /// anchor; the lexicon's analysis of a word costs thousands of
    /// instructions).
    verbs: Vec<Box<[Box<str>]>>,
    /// Ids of the runs of whitespace seen between tokens, from 2 (0 is
    /// none, 1 a single space).
    gap_ids: Interner,
}

impl Default for Vocabulary {
    fn default() -> Vocabulary {
        Vocabulary {
            ids: HashMap::default(),
            spellings: Vec::new(),
            // Key 0 is no spelling's (a spelling's length is in its key).
            recent: vec![(0, 0); RECENT_SLOTS].into_boxed_slice(),
            // Length 0 is no long spelling's.
            recent_long: vec![(0, 0, 0, 0); RECENT_SLOTS].into_boxed_slice(),
            words: Vec::new(),
            verbs: Vec::new(),
            gap_ids: Interner::default(),
        }
    }
}

/// Slots of [`Vocabulary::recent`] (a power of two).
const RECENT_SLOTS: usize = 1 << 12;

/// A spelling of 1 to 7 bytes as one word: its bytes (little-endian) and
/// its length in the top byte, so two spellings have the same word only
/// when they are the same; none for a longer (or empty) one.
fn short_spelling(b: &[u8]) -> Option<u64> {
    let n = b.len();
    let bytes = match n {
        // The first, middle and last bytes: all of them up to 3.
        1..=3 => {
            u64::from(b[0])
                | u64::from(b[n / 2]) << (8 * (n / 2))
                | u64::from(b[n - 1]) << (8 * (n - 1))
        }
        // The first four and the last four, overlapping.
        4..=7 => {
            let word =
                |at: usize| u64::from(u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]));
            word(0) | word(n - 4) << (8 * (n - 4))
        }
        _ => return None,
    };
    Some(bytes | (n as u64) << 56)
}

/// A spelling of 8 to 16 bytes as two words: its first eight bytes and its
/// last eight (little-endian), which with its length are all of its bytes;
/// none for a shorter or longer one.
fn long_spelling(b: &[u8]) -> Option<(u64, u64)> {
    let n = b.len();
    if !(8..=16).contains(&n) {
        return None;
    }
    let word = |at: usize| {
        u64::from_le_bytes([
            b[at],
            b[at + 1],
            b[at + 2],
            b[at + 3],
            b[at + 4],
            b[at + 5],
            b[at + 6],
            b[at + 7],
        ])
    };
    Some((word(0), word(n - 8)))
}

/// The slot of a long spelling's words and length in
/// [`Vocabulary::recent_long`].
fn recent_long_slot((first, last): (u64, u64), n: usize) -> usize {
    ((first ^ last.rotate_left(29) ^ n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
        >> (64 - RECENT_SLOTS.trailing_zeros())) as usize
}

/// The slot of a short spelling's word in [`Vocabulary::recent`].
fn recent_slot(key: u64) -> usize {
    (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - RECENT_SLOTS.trailing_zeros())) as usize
}

impl Vocabulary {
    /// Tags each of the sentence's tokens, in order, into `out`; the
    /// verbal idioms found go to `idioms`.
    ///
    /// The sentence's language evidence is added to `language`: its
    /// tokens' counts, which are the sentence's, as only white space is
    /// left between tokens and a token ends where a letter cannot go on
    /// (white space, punctuation, an apostrophe, a hyphen or a dot).
    fn tag(
        &mut self,
        g: &Grammar,
        sentence: &str,
        tokens: &[Token],
        out: &mut Vec<Tagged>,
        idioms: &mut Vec<Match>,
        language: &mut Evidence,
    ) {
        out.clear();
        let mut initial = true;
        let mut list_mark = false;
        let mut previous_end = None;
        for t in tokens {
            let text = &sentence[t.span.clone()];
            let gap =
                previous_end.map_or(NOT_ADJACENT, |end| self.gap(&sentence[end..t.span.start]));
            out.push(self.tagged(g, text, t.shape, initial, gap, language));
            // After an opening quote, dash or bullet the next word still starts the sentence.
            // So does the word after a leading number (`2 Cette mesure`),
            // and after a list's mark (`a) Ratification des…`, `2) …`).
            let closes_mark = list_mark && text == ")";
            list_mark = initial
                && (t.shape == Shape::Number
                    || (t.shape == Shape::Word && text.chars().count() == 1));
            initial = (t.shape == Shape::Punct && !matches!(text, "," | ")" | "]"))
                || (initial && t.shape == Shape::Number)
                || closes_mark;
            previous_end = Some(t.span.end);
        }
        // A word joined by a slash to a number is a part of a reference
        // (`2008/40/JAI`, `BCE/2004/11`), neither a name nor a term.
        let slash = |k: usize, number: usize| {
            let (a, b) = (k.min(number), k.max(number));
            &sentence[tokens[a + 1].span.clone()] == "/"
                && tokens[a].span.end == tokens[a + 1].span.start
                && tokens[a + 1].span.end == tokens[b].span.start
        };
        for k in 0..tokens.len() {
            if tokens[k].shape == Shape::Word
                && ((k >= 2 && tokens[k - 2].shape == Shape::Number && slash(k, k - 2))
                    || tokens
                        .get(k + 2)
                        .is_some_and(|t| t.shape == Shape::Number && slash(k, k + 2)))
            {
                out[k].class = Class::STOP;
            }
        }
        disambiguate(g, sentence, tokens, out, &self.verbs, idioms);
    }

    /// The id of the text between two tokens: the same for the same
    /// whitespace, [`NOT_ADJACENT`] when it is not all whitespace.
    fn gap(&mut self, gap: &str) -> u32 {
        match gap {
            "" => 0,
            " " => 1,
            g if !g.chars().all(crate::text::is_space) => NOT_ADJACENT,
            g => 2 + self.gap_ids.id(g),
        }
    }

    /// A token's tags, from its spelling (classified on first sight); its
    /// language evidence is added to `language`.
    fn tagged(
        &mut self,
        g: &Grammar,
        text: &str,
        shape: Shape,
        initial: bool,
        gap: u32,
        language: &mut Evidence,
    ) -> Tagged {
        let bytes = text.as_bytes();
        let id = if let Some(key) = short_spelling(bytes) {
            let slot = recent_slot(key);
            match self.recent[slot] {
                (k, id) if k == key => id,
                _ => {
                    let id = self.spelling(g, text);
                    self.recent[slot] = (key, id);
                    id
                }
            }
        } else if let Some(key) = long_spelling(bytes) {
            let n = bytes.len();
            let slot = recent_long_slot(key, n);
            match self.recent_long[slot] {
                (first, last, len, id) if (first, last) == key && usize::from(len) == n => id,
                _ => {
                    let id = self.spelling(g, text);
                    self.recent_long[slot] = (key.0, key.1, n as u8, id);
                    id
                }
            }
        } else {
            self.spelling(g, text)
        };
        let spelling = &mut self.spellings[id as usize];
        language.add_counts(&spelling.language);
        let at = usize::from(initial);
        let (class, agreement) = *spelling.tags[at].get_or_insert_with(|| {
            let word = classify(g, text, shape, initial);
            let tags = (word.class, word.agreement);
            self.words[id as usize][at] = Some(word);
            tags
        });
        Tagged {
            class,
            agreement,
            marks: spelling.marks,
            word: 2 * id + u32::from(initial),
            gap,
        }
    }

    /// The id of spelling `text`, analysed on first sight.
    fn spelling(&mut self, g: &Grammar, text: &str) -> u32 {
        use std::collections::hash_map::Entry;
        match self.ids.entry(SpellingKey::new(text.as_bytes())) {
            Entry::Occupied(e) => *e.get(),
            Entry::Vacant(e) => {
                let id = self.spellings.len() as u32;
                self.words.push([None, None]);
                let folded = crate::text::match_key(text);
                let readings = g.analyse(&folded);
                self.verbs.push(
                    readings
                        .iter()
                        .filter(|a| a.tags.contains(Tags::VERB))
                        .map(|a| a.lemma.into())
                        .collect(),
                );
                self.spellings.push(Spelling {
                    marks: Marks::of(&folded, &readings),
                    tags: [None, None],
                    language: Evidence::of(text),
                });
                *e.insert(id)
            }
        }
    }

    /// The classification behind a tagged token.
    fn word(&self, t: &Tagged) -> &Word {
        self.words[(t.word / 2) as usize][(t.word % 2) as usize]
            .as_ref()
            .expect("a tagged token's spelling is classified")
    }

    /// The grouping key of occurrence `c` (folded, with the head noun and
    /// the adjectives agreeing with it in the singular) and its canonical
    /// form (the same in the text's typography).
    fn key_and_canonical(&self, s: &Sentence, c: &Found) -> (String, String, String) {
        if let Some(verb) = c.verb {
            return self.verb_key_and_canonical(s, c.start, verb);
        }
        if c.idiom {
            return self.idiom_key_and_canonical(s, c);
        }
        let mut key = String::new();
        let mut canonical = String::new();
        let mut lemma = String::new();
        let mut head_done = false;
        // The gap before a left-out article, which the next word takes
        // (`d'un avion` → `d'avion`).
        let mut gap_of_article = None;
        for i in c.start..c.end {
            let t = &s.tokens[i];
            let text = &s.text[t.span.clone()];
            let w = self.word(&s.tagged[i]);
            if i > c.start
                && s.tagged[i].marks.has(Marks::INDEFINITE)
                && s.tagged[i - 1].class.has(Class::LINK)
            {
                gap_of_article = Some(s.tokens[i - 1].span.end..t.span.start);
                continue;
            }
            if i > c.start {
                let after_article = gap_of_article.is_some();
                let gap = gap_of_article
                    .take()
                    .unwrap_or(s.tokens[i - 1].span.end..t.span.start);
                // `d'` elided before the article only: before a consonant
                // the bare complement takes `de` (`d'une personne` →
                // `de personne`, `d'un avion` → `d'avion`).
                if after_article && key.ends_with('\'') && !starts_with_vowel_sound(text) {
                    for out in [&mut key, &mut canonical] {
                        out.pop();
                        out.push_str("e ");
                    }
                } else if !s.text[gap].is_empty() {
                    key.push(' ');
                    canonical.push(' ');
                }
                lemma.push(' ');
            }
            if w.class.has(Class::NOUN | Class::ADJ) && c.kind == Kind::Term {
                lemma.push_str(&w.lemma);
            } else {
                crate::text::push_match_key(&mut lemma, text);
            }
            // The head noun and the adjectives agreeing with it go to the singular.
            if w.class.has(Class::LINK) {
                head_done = true;
            }
            // A lone adjective goes to its lemma, masculine singular
            // (`américaines` → `américain`), and so does a place's
            // adjective as a noun (`les Azerbaïdjanaises`); a word that
            // heads a phrase is a noun (`directives` → `directive`).
            let lone_adjective = c.end - c.start == 1
                && c.kind == Kind::Term
                && w.class.has(Class::ADJ)
                && ((c.adjective && (!w.class.has(Class::NOUN) || w.class.has(Class::RELATIONAL)))
                    || w.class.has(Class::PLACE));
            let form = match (&w.singular, head_done, c.kind) {
                _ if lone_adjective => &*w.lemma,
                (Some(s), false, Kind::Term) => s.as_str(),
                _ => text,
            };
            // A masculine singular before a vowel or a mute h takes its
            // elided form (`nouveaux États` → `nouvel État`); the key has the
            // full one (`nouveau`), so that both spellings group and `nouveau`
            // alone is a part of them.
            let (form, key_form) = match &w.elided {
                Some(elided)
                    if c.kind == Kind::Term && (form == &*w.lemma || form == &**elided) =>
                {
                    let before_vowel = i + 1 < c.end
                        && starts_with_vowel_sound(&s.text[s.tokens[i + 1].span.clone()]);
                    (if before_vowel { &**elided } else { form }, &*w.lemma)
                }
                _ => (form, form),
            };
            let lower_initial =
                i == c.start && c.kind == Kind::Term && is_capitalised(form) && !w.class.is_named();
            crate::text::push_match_key(&mut key, key_form);
            if lower_initial {
                crate::text::push_match_key(&mut canonical, form);
            } else {
                canonical.push_str(form);
            }
        }
        (key, canonical, lemma)
    }

    /// A verbal idiom's grouping key, canonical form and lemma: its verb's
    /// infinitive, then its other words as the text spells them, one space
    /// where the text has any (`demandé des comptes aux responsables` → `demander des
    /// comptes aux responsables`).
    fn idiom_key_and_canonical(&self, s: &Sentence, c: &Found) -> (String, String, String) {
        let w = self.word(&s.tagged[c.start]);
        let mut canonical = w.verb.as_deref().unwrap_or(&w.lemma).to_string();
        for pair in s.tokens[c.start..c.end].windows(2) {
            if pair[0].span.end < pair[1].span.start {
                canonical.push(' ');
            }
            canonical.push_str(&s.text[pair[1].span.clone()]);
        }
        let key = crate::text::match_key(&canonical);
        (key, canonical.clone(), canonical)
    }

    /// A verb's grouping key (its infinitive, with `se` for a pronominal
    /// one), its canonical form (`s’excuser`; a past participle, `abattu`,
    /// where the occurrence is one) and lemma.
    fn verb_key_and_canonical(
        &self,
        s: &Sentence,
        at: usize,
        verb: Verb,
    ) -> (String, String, String) {
        let w = self.word(&s.tagged[at]);
        let infinitive = w.verb.as_deref().unwrap_or(&w.lemma);
        let (key, canonical) = match verb {
            Verb::Reflexive(se) => {
                let clitic = &s.text[s.tokens[se].span.clone()];
                let elides = infinitive.starts_with([
                    'a', 'e', 'i', 'o', 'u', 'y', 'h', 'é', 'è', 'ê', 'â', 'î', 'ô', 'û',
                ]);
                let canonical = if !elides {
                    format!("se {infinitive}")
                } else if clitic.ends_with('\'') {
                    format!("s'{infinitive}")
                } else {
                    format!("s’{infinitive}")
                };
                (format!("se {infinitive} :v"), canonical)
            }
            Verb::Plain => (
                format!("{infinitive} :v"),
                w.participle.as_deref().unwrap_or(infinitive).to_string(),
            ),
        };
        (key, canonical, infinitive.to_string())
    }
}

/// The candidates' statistics, by grouping key.
#[derive(Default)]
struct Candidates {
    /// Statistic ids by grouping key, and the statistics by id.
    ids: HashMap<Box<str>, u32>,
    stats: Vec<Stat>,
    /// The documents of each statistic, by id. Kept apart from the rest,
    /// which is large and seldom touched, as they change with every
    /// document.
    docs: Vec<Documents>,
}

impl Candidates {
    /// The id of `key`'s statistic; a new one takes `context()` as the
    /// context of its first occurrence.
    fn stat(&mut self, key: String, context: impl FnOnce() -> (u32, usize, String)) -> u32 {
        if let Some(&id) = self.ids.get(key.as_str()) {
            return id;
        }
        let id = self.stats.len() as u32;
        self.stats.push(Stat {
            context: Some(context()),
            ..Stat::default()
        });
        self.docs.push(Documents::default());
        self.ids.insert(key.into_boxed_str(), id);
        id
    }
}

/// The documents a candidate occurs in, in order, as runs of consecutive
/// ones: a candidate found all through a corpus is one run, however many
/// documents it has. The latest run is kept inline, so that adding the next
/// document follows no pointer.
#[derive(Clone, Debug, Default)]
struct Documents {
    latest: std::ops::Range<u32>,
    earlier: Vec<std::ops::Range<u32>>,
}

impl Documents {
    /// Adds `doc`, which is no earlier than any added before.
    fn add(&mut self, doc: u32) {
        if doc == self.latest.end {
            self.latest.end += 1;
        } else if !self.latest.contains(&doc) {
            if !self.latest.is_empty() {
                self.earlier.push(self.latest.clone());
            }
            self.latest = doc..doc + 1;
        }
    }

    fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.earlier
            .iter()
            .chain(std::iter::once(&self.latest))
            .flat_map(Clone::clone)
    }

    fn len(&self) -> usize {
        self.earlier
            .iter()
            .chain(std::iter::once(&self.latest))
            .map(|r| r.len())
            .sum()
    }
}

/// The occurrences of one [`signature`]: where they count, and their
/// tallies so far. Everything an occurrence adds up is decided by its kind,
/// its tokens' spellings and classes and the whitespace between them, so it
/// is worked out on the signature's first occurrence; counting a later one
/// then touches this entry alone, and builds no string and hashes no text.
#[derive(Clone, Copy, Debug)]
struct Occurrence {
    stat: u32,
    /// Index in the statistic's `variants`.
    variant: u32,
    /// Index in the statistic's `canonical_votes`.
    canonical: u32,
    /// Content words (tokens less links and articles).
    words: u32,
    kind: Kind,
    count: usize,
    /// Of `count`, those inside a prepositional locution.
    framed: usize,
    /// Of `count`, those right after a bare `à` and `en`.
    frames: [usize; 2],
    /// Of `count`, a verb's followed by `que`.
    clausal: usize,
    /// Of `count`, a phrase's ending on a participle that governs a
    /// complement ([`Stat::governed`]).
    governed: usize,
    /// Of `count`, a phrase's cut off from its adjective ([`Stat::cut`]).
    cut: usize,
    /// Of `count`, a single word's followed by a number
    /// ([`Stat::numbered`]).
    numbered: usize,
    /// Of `count`, an institution's name's ([`Stat::institutional`]).
    institutional: usize,
    /// The latest document this signature occurred in (`u32::MAX` for
    /// none): the statistic's [`Documents`] have it already.
    last_doc: u32,
    /// The running number of its latest occurrence: a statistic's `words`
    /// is that of its latest occurrence.
    last_seen: u64,
}

impl Occurrence {
    /// The first occurrence of `c`'s signature: its statistic (new if its
    /// grouping key is), its spelling's and canonical form's places there.
    fn first(
        vocabulary: &Vocabulary,
        candidates: &mut Candidates,
        sentence: &Sentence,
        c: &Found,
    ) -> Occurrence {
        let (key, canonical, lemma) = vocabulary.key_and_canonical(sentence, c);
        let stat = candidates.stat(key, || {
            (sentence.doc, sentence.line, sentence.context(c).to_string())
        });
        let s = &mut candidates.stats[stat as usize];
        let range = c.start..c.end;
        let tagged = &sentence.tagged[range.clone()];
        if s.lemma.is_empty() {
            s.lemma = lemma;
            s.verb = c.verb.is_some();
            s.adjective = c.adjective;
            if let [only] = tagged {
                s.single = only.class;
            }
            let key = |range: std::ops::Range<usize>| -> Box<str> {
                let part = Found::new(range.start, range.end, Kind::Term);
                vocabulary.key_and_canonical(sentence, &part).0.into()
            };
            s.junctions = definite_junctions(sentence, c)
                .into_iter()
                .map(|(head, complement)| (key(head), key(complement)))
                .collect();
            s.short = !tagged.iter().any(|w| w.class.has(Class::ARTICLE))
                && tagged.len() - count_grammatical(tagged) <= 3
                && tagged
                    .last()
                    .is_some_and(|w| w.class.has(Class::CODE | Class::JOINED));
        }
        s.named_part |= tagged
            .iter()
            .any(|w| w.class.has(Class::CODE | Class::JOINED));
        Occurrence {
            stat,
            variant: place(&mut s.variants, sentence.slice(range)),
            canonical: place(&mut s.canonical_votes, &canonical),
            words: (tagged.len() - count_grammatical(tagged)) as u32,
            kind: c.kind,
            count: 0,
            framed: 0,
            frames: [0; 2],
            clausal: 0,
            governed: 0,
            cut: 0,
            numbered: 0,
            institutional: 0,
            last_doc: u32::MAX,
            last_seen: 0,
        }
    }
}

/// Adds each signature's tallies into its statistic.
fn tally(occurrences: Vec<Occurrence>, stats: &mut [Stat]) {
    let mut latest = vec![0; stats.len()];
    for o in occurrences {
        let s = &mut stats[o.stat as usize];
        s.kind_votes[o.kind as usize] += o.count;
        s.count += o.count;
        s.framed += o.framed;
        s.frames[0] += o.frames[0];
        s.frames[1] += o.frames[1];
        s.clausal += o.clausal;
        s.governed += o.governed;
        s.cut += o.cut;
        s.numbered += o.numbered;
        s.institutional += o.institutional;
        s.variants[o.variant as usize].1 += o.count;
        s.canonical_votes[o.canonical as usize].1 += o.count;
        if o.last_seen > latest[o.stat as usize] {
            latest[o.stat as usize] = o.last_seen;
            s.words = o.words as usize;
        }
    }
}

/// Buffers reused from sentence to sentence.
#[derive(Default)]
struct Scratch {
    tokens: Vec<Token>,
    tagged: Vec<Tagged>,
    found: Vec<Found>,
    idioms: Vec<Match>,
    ends: Vec<usize>,
    signature: Vec<u32>,
    counted: Vec<(u32, usize, usize)>,
}

/// Collects candidates from paragraphs, document by document.
pub struct Extractor<'l> {
    grammar: Grammar<'l>,
    segmenter: crate::segment::Segmenter,
    vocabulary: Vocabulary,
    /// Per signature seen: the index of its tallies in `occurrences`.
    /// (The table holds keys and indexes alone, a third of the size with
    /// the tallies in it: its lookups, one per occurrence, miss the cache
    /// less, and the signatures seen first, the most frequent, keep their
    /// tallies together at the front of `occurrences`.)
    signatures: HashMap<SignatureKey, u32>,
    /// Per signature seen, in the order first seen: where its occurrences
    /// count, and their tallies.
    occurrences: Vec<Occurrence>,
    /// Occurrences counted so far.
    seen: u64,
    candidates: Candidates,
    documents: Vec<String>,
    options: ExtractorOptions,
    bytes: u64,
    /// Words read so far (tokens with letters or digits).
    words: u64,
    /// What the current document's words tell of its language.
    language: Evidence,
    /// The sentence spans of the paragraph being read.
    spans: Vec<std::ops::Range<usize>>,
    scratch: Scratch,
}

impl<'l> Extractor<'l> {
    /// An extractor over French text with `lexicon`.
    pub fn new(lexicon: &'l Lexicon, options: ExtractorOptions) -> Extractor<'l> {
        Extractor {
            grammar: Grammar {
                lexicon,
                places: if std::ptr::eq(lexicon, Lexicon::french()) {
                    std::borrow::Cow::Borrowed(Places::french())
                } else {
                    std::borrow::Cow::Owned(Places::of(lexicon))
                },
                locutions: Locutions::french(),
                readings: Default::default(),
            },
            segmenter: crate::segment::Segmenter::builtin("fr-FR")
                .expect("the built-in French rules compile (tested)"),
            vocabulary: Vocabulary::default(),
            signatures: HashMap::default(),
            occurrences: Vec::new(),
            seen: 0,
            candidates: Candidates::default(),
            documents: Vec::new(),
            options,
            bytes: 0,
            words: 0,
            language: Evidence::default(),
            spans: Vec::new(),
            scratch: Scratch::default(),
        }
    }

    /// Starts a new document; following paragraphs belong to it.
    pub fn start_document(&mut self, name: &str) {
        self.documents.push(name.to_string());
        self.language = Evidence::default();
    }

    /// What the words of the current document (since
    /// [`Extractor::start_document`]) tell of its language: the counts
    /// [`Evidence::add`] finds in its paragraphs, taken from the tokens
    /// the extractor reads anyway (`tmkit terms` warns of a text that is
    /// plainly not French).
    pub fn language(&self) -> &Evidence {
        &self.language
    }

    /// Bytes of text read so far.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// Adds one paragraph (a line of the current document).
    pub fn add_paragraph(&mut self, line: usize, text: &str) {
        if self.documents.is_empty() {
            self.documents.push("-".to_string());
        }
        self.bytes += text.len() as u64;
        let doc = (self.documents.len() - 1) as u32;
        let mut spans = std::mem::take(&mut self.spans);
        if self.segmenter.segment_into(text, &mut spans).is_err() {
            spans.clear();
            spans.push(0..text.len());
        }
        // Only white space is left between sentences: their language
        // evidence is the paragraph's.
        for span in &spans {
            self.add_sentence(doc, line, &text[span.clone()]);
        }
        self.spans = spans;
    }

    fn add_sentence(&mut self, doc: u32, line: usize, sentence: &str) {
        let original = sentence;
        let mut scratch = std::mem::take(&mut self.scratch);
        tokenize_into(sentence, &mut scratch.tokens);
        let tokens = &scratch.tokens;
        // A heading in capitals: its words are words, not acronyms.
        let lowered;
        // A word in capitals is a French word of a heading when the lexicon
        // knows it in lower case and not as a name (`MARC` is a first name).
        let is_word = |caps: &str| {
            let lower = caps.to_lowercase();
            let mut title = caps.chars();
            let title: String = title
                .next()
                .into_iter()
                .chain(lower.chars().skip(1))
                .collect();
            self.grammar.knows(&lower)
                && !self
                    .grammar
                    .analyse(&title)
                    .iter()
                    .any(|a| a.tags.contains(Tags::PROPER))
        };
        let sentence = if is_heading(sentence, tokens, is_word) {
            lowered = sentence.to_lowercase();
            if lowered.len() == sentence.len() {
                lowered.as_str()
            } else {
                sentence
            }
        } else {
            sentence
        };
        self.words += tokens
            .iter()
            .filter(|t| matches!(t.shape, Shape::Word | Shape::Number))
            .count() as u64;
        let mut language = Evidence::default();
        self.vocabulary.tag(
            &self.grammar,
            sentence,
            tokens,
            &mut scratch.tagged,
            &mut scratch.idioms,
            &mut language,
        );
        if !std::ptr::eq(sentence, original) {
            // A heading read in lower case counts as written.
            language = Evidence::of(original);
        }
        self.language.add_counts(&language);
        let tagged = &scratch.tagged;
        find_candidates(
            tagged,
            self.options.max_words,
            &mut scratch.ends,
            &mut scratch.found,
        );
        for m in &scratch.idioms {
            find_idiom(tagged, m, &mut scratch.found);
        }
        // An acronym's expansion is the acronym's (its column), not a
        // candidate, nor are the names inside it.
        let defined = expansions(sentence, tokens, tagged);
        scratch.found.retain(|c| {
            !defined
                .iter()
                .any(|e| e.tokens.start <= c.start && c.end <= e.tokens.end)
        });
        let s = Sentence {
            doc,
            line,
            text: sentence,
            tokens,
            tagged,
        };
        scratch.counted.clear();
        for c in &scratch.found {
            signature(tagged, c, &mut scratch.signature);
            self.record(&s, c, &scratch.signature, &mut scratch.counted);
        }
        for e in defined {
            let key = crate::text::match_key(&e.acronym);
            if let Some(&id) = self.candidates.ids.get(key.as_str()) {
                *self.candidates.stats[id as usize]
                    .expansions
                    .entry(e.expansion)
                    .or_default() += 1;
            }
        }
        self.scratch = scratch;
    }

    /// Counts occurrence `c` of sentence `s`; `signature` is its signature.
    /// `counted` holds the sentence's spans counted so far, each with its
    /// statistic.
    fn record(
        &mut self,
        s: &Sentence,
        c: &Found,
        signature: &[u32],
        counted: &mut Vec<(u32, usize, usize)>,
    ) {
        use std::collections::hash_map::Entry;
        let at = match self.signatures.entry(SignatureKey::new(signature)) {
            Entry::Occupied(e) => *e.get() as usize,
            Entry::Vacant(e) => {
                let at = self.occurrences.len();
                self.occurrences.push(Occurrence::first(
                    &self.vocabulary,
                    &mut self.candidates,
                    s,
                    c,
                ));
                e.insert(u32::try_from(at).expect("fewer than 2³² signatures"));
                at
            }
        };
        let o = &mut self.occurrences[at];
        // One stretch of text is one occurrence of its candidate, however
        // many passes find it (`Sommet de Séoul` is a run of names and a
        // noun phrase): the first pass's reading counts, and names come first.
        let span = (o.stat, c.start, c.end);
        if counted.contains(&span) {
            return;
        }
        counted.push(span);
        self.seen += 1;
        o.last_seen = self.seen;
        o.count += 1;
        if c.end - c.start == 1 && c.kind == Kind::Term && in_locution(s.tagged, c.start) {
            o.framed += 1;
        }
        if c.kind == Kind::Term
            && c.verb.is_none()
            && !c.idiom
            && let Some(p) = adverbial_frame(s.tagged, c.start)
        {
            o.frames[p] += 1;
        }
        if c.verb.is_some()
            && s.tokens.get(c.end).is_some_and(|t| {
                let next = &s.text[t.span.clone()];
                ["que", "qu'", "qu’"]
                    .iter()
                    .any(|q| next.eq_ignore_ascii_case(q))
            })
        {
            o.clausal += 1;
        }
        if c.end - c.start > 1
            && c.kind == Kind::Term
            && s.tagged[c.end - 1].class.has(Class::PAST)
            && !s.tagged[c.end - 2].class.has(Class::LINK | Class::ARTICLE)
            && s.tagged.get(c.end).is_some_and(|t| {
                t.gap != NOT_ADJACENT
                    && (t.marks.has(Marks(Marks::PREPOSITION.0 | Marks::DE.0))
                        || t.class.has(Class::LINK))
            })
        {
            o.governed += 1;
        }
        // A noun and a noun that may be a verb, then an article or `que`: a
        // subject and its verb with an object or a clause (`la Commission
        // invite les États`, `estime que`, `la corruption reste un…`); so
        // with a present participle (`traité instituant la Communauté`).
        let last = s.tagged[c.end - 1].class;
        if c.end - c.start == 2
            && c.kind == Kind::Term
            && s.tagged[c.start].class.has(Class::NOUN)
            && ((last.has(Class::VERB) && !last.has(Class::ADJ)) || last.has(Class::PRESENT))
            && s.tokens.get(c.end).is_some_and(|t| {
                let next = &s.text[t.span.clone()];
                s.tagged[c.end].gap != NOT_ADJACENT
                    && (s.tagged[c.end].marks.has(Marks::ARTICLE)
                        || ["que", "qu'", "qu’"]
                            .iter()
                            .any(|q| next.eq_ignore_ascii_case(q)))
            })
        {
            o.governed += 1;
        }
        if c.end - c.start > 2
            && c.kind == Kind::Term
            && definite(s, c.end - 2)
            && s.tagged.get(c.end).is_some_and(|t| {
                t.gap != NOT_ADJACENT
                    && t.class.has(Class::ADJ)
                    && (!t.class.has(Class::NOUN) || t.class.has(Class::RELATIONAL))
                    && !t.class.is_named()
                    && t.agreement & s.tagged[c.end - 1].agreement != 0
            })
        {
            o.cut += 1;
        }
        if c.end - c.start == 1
            && c.kind == Kind::Term
            && c.verb.is_none()
            && s.tagged
                .get(c.end)
                .is_some_and(|t| t.gap != NOT_ADJACENT && t.class.has(Class::NUMBER))
        {
            o.numbered += 1;
        }
        if c.institution {
            o.institutional += 1;
        }
        if o.last_doc != s.doc {
            o.last_doc = s.doc;
            self.candidates.docs[o.stat as usize].add(s.doc);
        }
    }

    /// Ranks the candidates and returns those `options` keep, best first.
    pub fn finish(self) -> Vec<Candidate> {
        let Extractor {
            grammar,
            occurrences,
            candidates:
                Candidates {
                    ids,
                    mut stats,
                    docs,
                },
            documents,
            options,
            words: corpus_words,
            ..
        } = self;
        let general = Reference::french();
        tally(occurrences, &mut stats);
        let mut keys: Vec<&str> = vec![""; stats.len()];
        for (key, &id) in &ids {
            keys[id as usize] = key;
        }
        let mut containers = containers(&keys, &ids, &stats);
        // Nouns that mostly live in prepositional locutions are grammatical.
        let frozen: Vec<bool> = stats
            .iter()
            .map(|s| s.framed * 2 >= s.count && s.framed >= 2)
            .collect();
        let starts_frozen = |key: &str| {
            key.split(' ')
                .next()
                .and_then(|first| ids.get(first))
                .is_some_and(|&id| frozen[id as usize])
        };
        let kinds: Vec<Kind> = stats
            .iter()
            .map(|s| {
                [Kind::Acronym, Kind::Code, Kind::Name, Kind::Term]
                    .into_iter()
                    .max_by_key(|k| (s.kind_votes[*k as usize], std::cmp::Reverse(*k as usize)))
                    .unwrap_or(Kind::Term)
            })
            .collect();
        // Termhood against general French. A noun counts with the
        // relational adjectives derived from it (`commerce` with
        // `commercial`: one derivational family), in the text and in
        // general French. A verb the text also names by a specific noun of
        // action (`abattre` and `abattage`) needs no more specificity than a
        // noun; one that mostly introduces a clause (`affirmer que`) is a
        // verb of saying, no term.
        let mut adjectives: HashMap<String, Vec<usize>> = HashMap::default();
        for (id, s) in stats.iter().enumerate() {
            if s.adjective
                && s.single.has(Class::RELATIONAL)
                && !s.single.has(Class::PLACE)
                && let Some(noun) = grammar.places.noun_of(&s.lemma)
            {
                adjectives.entry(noun).or_default().push(id);
            }
        }
        let families: Vec<&[usize]> = stats
            .iter()
            .map(|s| {
                if s.verb || s.adjective || !s.single.has(Class::NOUN) {
                    return &[][..];
                }
                let key = crate::text::unaccented(&s.lemma);
                adjectives.get(key.as_ref()).map_or(&[][..], Vec::as_slice)
            })
            .collect();
        let termhood = |id: usize, named: bool| {
            let family: Vec<&Stat> = families[id].iter().map(|&a| &stats[a]).collect();
            termhood(
                &stats[id],
                &family,
                general,
                grammar.lexicon,
                corpus_words,
                named,
                containers[id].len() >= 2,
            )
        };
        let specific_nouns: HashSet<&str> = (0..stats.len())
            .filter(|&id| {
                let s = &stats[id];
                !s.verb
                    && !s.adjective
                    && s.single.has(Class::NOUN)
                    && termhood(id, false) != Termhood::None
            })
            .map(|id| stats[id].lemma.as_str())
            .collect();
        let termhood: Vec<Termhood> = stats
            .iter()
            .enumerate()
            .map(|(id, s)| {
                let named = s.verb
                    && nominalisations(&s.lemma).any(|n| specific_nouns.contains(n.as_str()));
                if s.clausal * 2 < s.count {
                    termhood(id, named)
                } else {
                    Termhood::None
                }
            })
            .collect();
        // A noun that is a term through its family is one candidate with
        // its adjectives (`commerce` with `commercial`), not two.
        let pooled: Vec<(usize, Vec<usize>)> = termhood
            .iter()
            .enumerate()
            .filter(|&(_, &t)| t == Termhood::Family)
            .map(|(id, _)| (id, families[id].to_vec()))
            .collect();
        let termlike: Vec<bool> = termhood.iter().map(|&t| t != Termhood::None).collect();
        // A term a reviewer accepted is one wherever it occurs.
        let known: Vec<bool> = stats
            .iter()
            .zip(&keys)
            .map(|(s, key)| {
                !options.known.is_empty()
                    && (options.known.contains(*key)
                        || s.variants
                            .iter()
                            .any(|(v, _)| options.known.contains(&crate::text::match_key(v))))
            })
            .collect();
        // A lone adjective is grouped by its lemma (`moral`), which a
        // longer key spells in agreement with its noun (`personne morale`):
        // the longer candidate holds it too, unless a reviewer accepted the
        // adjective as a term of its own.
        for (id, longer) in adjective_containers(&ids, &stats).into_iter().enumerate() {
            if known[id] {
                continue;
            }
            for c in longer {
                if !containers[id].contains(&c) {
                    containers[id].push(c);
                }
            }
        }
        // A phrase with a definite complement is a term when it recurs as
        // a unit: one of its parts is mostly used in it (`lutte contre la
        // corruption`, `Conseil de l'Europe`), not when it is a free
        // combination of parts used everywhere (`rapport de la Commission`,
        // `gouvernements des États membres`).
        // A part that is no candidate of its own tells nothing.
        let bound = |s: &Stat| {
            let count = |part: &str| {
                ids.get(part)
                    .map_or(usize::MAX, |&id| stats[id as usize].count)
            };
            s.junctions
                .iter()
                .all(|(head, complement)| s.count * 2 >= count(head).min(count(complement)))
        };
        // What each candidate is worth on its own, nesting aside, when a
        // common term needs `min_count` occurrences, in the default list or
        // with the long tail (`all`).
        let worth = |id: usize, min_count: usize, all: bool| {
            let (s, key, kind) = (&stats[id], keys[id], kinds[id]);
            if known[id] {
                return true;
            }
            let institution = s.institutional == s.count;
            let named = kind != Kind::Term || s.named_part || institution;
            let common_noun = kind == Kind::Name && s.single.has(Class::NOUN);
            if s.count < min_count
                && (!named || common_noun || (kind == Kind::Term && !s.short && !institution))
            {
                return false;
            }
            if matches!(kind, Kind::Term | Kind::Name) && !s.named_part && starts_frozen(key) {
                return false;
            }
            if kind == Kind::Term
                && !all
                && (!bound(s)
                    || s.governed * 2 >= s.count.max(1)
                    || s.cut * 2 > s.count
                    || s.numbered * 2 > s.count)
            {
                return false;
            }
            kind != Kind::Term || s.named_part || institution || all || termlike[id]
        };
        let counts: Vec<usize> = stats.iter().map(|s| s.count).collect();
        // Terms that mostly follow one bare preposition are adverbial
        // locutions with it (`à huis clos`, `en coulisses`); a longer
        // candidate holding the preposition too (`discussion à huis clos`)
        // is a noun and the locution, no term.
        let frame: Vec<Option<usize>> = stats
            .iter()
            .map(|s| (0..2).find(|&p| s.frames[p] * 2 > s.count && s.frames[p] >= 2))
            .collect();
        let mut with_locution = vec![false; stats.len()];
        for (id, p) in frame.iter().enumerate() {
            let Some(p) = p else { continue };
            let phrase = format!("{} {}", FRAMES[*p], keys[id]);
            for &c in &containers[id] {
                let long = keys[c as usize];
                if long.ends_with(&phrase) || long.contains(&format!("{phrase} ")) {
                    with_locution[c as usize] = true;
                }
            }
        }
        // A candidate whose occurrences all lie inside longer ones that are
        // kept is part of them (`ligne` in `avion de ligne` and `ligne
        // ferroviaire`, `PEACE` in `PEACE Act` and `loi PEACE`): longest
        // first, so that the longer ones are decided. An acronym or code is
        // absorbed only by candidates kept on their repetition, not by a
        // phrase kept from one occurrence (`Pantsir-S1`).
        // The candidates kept, in the default list or with the long tail.
        let decide = |all: bool| -> Vec<bool> {
            let on_its_own: Vec<bool> = (0..stats.len())
                .map(|id| worth(id, options.min_count, all))
                .collect();
            let mut order: Vec<usize> = (0..stats.len()).collect();
            order.sort_by_cached_key(|&id| std::cmp::Reverse(keys[id].split(' ').count()));
            let mut kept = vec![false; stats.len()];
            let mut classifiers: HashSet<&str> = HashSet::default();
            let mut modified: Option<HashMap<&str, usize>> = None;
            for id in order {
                // A relational adjective is a term inside its phrases, not
                // alone (`énergétique` in `sécurité énergétique`), unless it
                // classifies two or more kept terms (`fiscal` of `droit fiscal`
                // and `contrôle fiscal`): a relational adjective says "of the
                // domain X", and one that forms several terms of the text names
                // a domain of the text's own field.
                // Phrases count by their lemmas: `fraude fiscale` and `paradis
                // fiscaux` are two for `fiscal`. Every longer candidate is
                // decided before the first one-word one (longest first).
                let s = &stats[id];
                // With `--all` the adjective is a candidate anyway; it still
                // classifies (the default list's phrases are in the long tail).
                let classifying = (!on_its_own[id] || all)
                    && kinds[id] == Kind::Term
                    && s.words == 1
                    && s.adjective
                    && !s.verb
                    && s.single.has(Class::RELATIONAL)
                    && !s.single.has(Class::PLACE)
                    && s.count >= options.min_count
                    && super::general::specificity(
                        s.count as f64 * 1000.0 / corpus_words.max(1) as f64,
                        general_rate(s, Tags::ADJ, general, grammar.lexicon),
                    ) >= MIN_CLASSIFIER_SPECIFICITY
                    && modified
                        .get_or_insert_with(|| modifiers(&stats, &keys, &kinds, &kept))
                        .get(s.lemma.as_str())
                        .is_some_and(|&n| n >= 2);
                if classifying && !with_locution[id] {
                    kept[id] = true;
                    classifiers.insert(s.lemma.as_str());
                    continue;
                }
                if !on_its_own[id] || with_locution[id] {
                    continue;
                }
                let named = matches!(kinds[id], Kind::Acronym | Kind::Code);
                let absorbing: Vec<u32> = containers[id]
                    .iter()
                    .copied()
                    .filter(|&c| kept[c as usize])
                    .filter(|&c| !named || counts[c as usize] >= options.min_count)
                    .collect();
                // The innermost of them: their occurrences hold every one of
                // the others'.
                let covered: usize = absorbing
                    .iter()
                    .filter(|&&c| {
                        !absorbing
                            .iter()
                            .any(|&d| d != c && containers[d as usize].contains(&c))
                    })
                    .map(|&c| counts[c as usize])
                    .sum();
                // A common term, or a capitalised common noun, is also part of
                // one longer candidate, kept or not, that holds all of it
                // (`Chambre` in `Chambre des représentants`); a proper name is
                // a name wherever it stands (`Gaza`).
                let common = kinds[id] == Kind::Term
                    || (kinds[id] == Kind::Name && stats[id].single.has(Class::NOUN));
                let inside_one = common
                    && !stats[id].named_part
                    && containers[id]
                        .iter()
                        .any(|&c| counts[c as usize] >= counts[id]);
                // A noun specific enough on its own that heads two or more kept
                // terms is the generic term they specify (`amortissement` of
                // `amortissement dégressif` and `amortissement linéaire`): terms
                // form by expanding a head, and the head of a family of terms is
                // a term of its own field. A word that only completes others
                // (`ligne` in `avion de ligne`), heads one term, or is common in
                // general French (`personne` of `personne morale` and `personne
                // physique`) is a part of them.
                let heads = kinds[id] == Kind::Term
                    && termlike[id]
                    && stats[id].words == 1
                    && stats[id].single.has(Class::NOUN)
                    && !stats[id].verb
                    && !stats[id].adjective
                    && containers[id]
                        .iter()
                        .filter(|&&c| {
                            kept[c as usize]
                                && keys[c as usize]
                                    .strip_prefix(keys[id])
                                    .is_some_and(|rest| rest.starts_with(' '))
                        })
                        .count()
                        >= 2;
                kept[id] = heads || (covered < counts[id] && !inside_one);
            }
            // A noun and a classifying adjective of the text (`fiscal` above)
            // are a term of its field from one occurrence (`redressement
            // fiscal` beside `droit fiscal` and `contrôle fiscal`): the
            // relational adjective makes the phrase a kind of the noun within
            // that domain, a strong sign of a term (Daille's work on relational
            // adjectives in term extraction), and the text has shown the domain
            // to be its own. A longer phrase needs its repetition as before.
            if !classifiers.is_empty() {
                for id in 0..stats.len() {
                    let s = &stats[id];
                    let last = s.lemma.rsplit(' ').next().unwrap_or_default();
                    if !kept[id]
                        && kinds[id] == Kind::Term
                        && s.count < options.min_count
                        && keys[id].split(' ').count() == 2
                        && s.words == 2
                        && classifiers.contains(last)
                        && !with_locution[id]
                        && containers[id].iter().all(|&c| !kept[c as usize])
                        && worth(id, 1, all)
                    {
                        kept[id] = true;
                    }
                }
                // The noun a classifying adjective is of names its domain
                // (`fisc` of `fiscal`, `commerce` of `commercial`): a term of
                // the text's field where the text uses it as often as a term
                // needs, however common in general French.
                let domains: HashSet<String> = classifiers
                    .iter()
                    .filter_map(|a| grammar.places.noun_of(a))
                    .collect();
                for id in 0..stats.len() {
                    let s = &stats[id];
                    if !kept[id]
                        && kinds[id] == Kind::Term
                        && s.words == 1
                        && s.single.has(Class::NOUN)
                        && !s.verb
                        && !s.adjective
                        && s.count >= options.min_count
                        && !frozen[id]
                        && !with_locution[id]
                        && domains.contains(crate::text::unaccented(&s.lemma).as_ref())
                    {
                        kept[id] = true;
                    }
                }
            }
            kept
        };
        let mut kept = decide(false);
        // `--all` adds the long tail to the default list and takes nothing
        // from it: a default candidate stays, with its count, though longer
        // candidates only the tail keeps hold all its occurrences (the
        // nesting above would absorb it into them).
        if options.all {
            for (kept, tail) in kept.iter_mut().zip(decide(true)) {
                *kept |= tail;
            }
        }
        for (noun, family) in pooled {
            if !kept[noun] {
                continue;
            }
            // Each adjective joins one candidate (a name and a term may
            // share a lemma: `Commission`, `commission`).
            for a in family {
                kept[a] = false;
                let count = std::mem::take(&mut stats[a].count);
                let adjective = std::mem::take(&mut stats[a].variants);
                stats[noun].count += count;
                stats[noun].variants.extend(adjective);
            }
        }
        let mut out: Vec<Candidate> = stats
            .into_iter()
            .zip(docs.iter().zip(&kinds))
            .zip(containers.iter().zip(kept))
            .zip(frame)
            .filter_map(|(((s, (docs, &kind)), (containers, kept)), frame)| {
                if !kept {
                    return None;
                }
                // C-value: a term nested in longer ones counts only where it
                // stands alone.
                let words = s.words.max(1) as f64;
                let own = if containers.is_empty() {
                    s.count as f64
                } else {
                    let nested: usize = containers.iter().map(|&c| counts[c as usize]).sum();
                    s.count as f64 - nested as f64 / containers.len() as f64
                };
                let score = (words + 1.0).log2() * own.max(0.0) * (1.0 + (docs.len() as f64).ln());
                let mut canonical = best(s.canonical_votes.iter().map(|(v, n)| (v, n)));
                let mut variants = s.variants;
                variants.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                // A locution keeps the number its words have in it (`en
                // coulisses`).
                if let (Some(p), Some((spelled, _))) = (frame, variants.first()) {
                    let spelled = if canonical.starts_with(char::is_lowercase) {
                        lower_initial(spelled)
                    } else {
                        spelled.clone()
                    };
                    canonical = format!("{} {spelled}", FRAMES[p]);
                }
                // Its variants are the locution's forms too, preposition and
                // all: `huis clos` alone is no form of `à huis clos`.
                if let Some(p) = frame {
                    for (v, _) in &mut variants {
                        *v = format!("{} {v}", FRAMES[p]);
                    }
                }
                let (doc, line, context) = s.context.unwrap_or_default();
                Some(Candidate {
                    term: canonical,
                    kind,
                    count: s.count,
                    documents: docs.iter().map(|d| documents[d as usize].clone()).collect(),
                    variants,
                    score: (score * 1000.0).round() / 1000.0,
                    expansion: (!s.expansions.is_empty()).then(|| best(&s.expansions)),
                    context,
                    context_document: documents.get(doc as usize).cloned().unwrap_or_default(),
                    context_line: line,
                })
            })
            .collect();
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| b.count.cmp(&a.count))
                .then_with(|| a.term.cmp(&b.term))
        });
        out
    }
}

/// For each lemma, the kept multi-word terms that have it after their
/// first word (each term once): how many terms a word modifies.
fn modifiers<'s>(
    stats: &'s [Stat],
    keys: &[&str],
    kinds: &[Kind],
    kept: &[bool],
) -> HashMap<&'s str, usize> {
    let mut out: HashMap<&str, usize> = HashMap::default();
    let mut seen: Vec<&str> = Vec::new();
    for (id, s) in stats.iter().enumerate() {
        if !kept[id] || kinds[id] != Kind::Term || !keys[id].contains(' ') {
            continue;
        }
        seen.clear();
        for w in s.lemma.split(' ').skip(1) {
            if !seen.contains(&w) {
                seen.push(w);
                *out.entry(w).or_default() += 1;
            }
        }
    }
    out
}

/// Fewest specificity ([`super::general::specificity`]) for a single noun
/// to be a term of the text: used about ten times as often as in general
/// French.
const MIN_SPECIFICITY: f64 = 1.0;

/// Fewest specificity for a single noun that forms terms: one found inside
/// two or more different multi-word candidates (`enquête` in `enquête
/// objective` and `enquête complète`). Terms are made by expanding a head
/// or taking a complement; a noun that does so in the text is being used
/// as a building block of its terminology, evidence that lets it count
/// from about seven times the general rate instead of ten.
const MIN_FORMING_SPECIFICITY: f64 = 0.9;

/// Fewest specificity for a relational adjective to classify the text's
/// terms: used about three times as often as in general French. An
/// everyday adjective (`particulier`, `principal`, `central`, taken for
/// relational by their endings) modifies many phrases of any text.
const MIN_CLASSIFIER_SPECIFICITY: f64 = 0.5;

/// Fewest specificity for a verb: used about a hundred times as often as in
/// general French. Most terms are nouns; a verb is one when the domain all
/// but owns it (`indemniser`), not when a text reports a lot (`souligner`,
/// `affirmer` score 1.1 to 1.4 in the seeds).
const MIN_VERB_SPECIFICITY: f64 = 2.0;

/// Whether a one-word candidate is a term of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Termhood {
    None,
    /// On its own evidence.
    Own,
    /// A noun, counted with its family, the relational adjectives derived
    /// from it.
    Family,
}

/// Whether a one-word candidate belongs in the precision-first list: a noun
/// or a verb only when the text uses it markedly more than general French
/// does (a noun with `family`, the relational adjectives derived from it,
/// counted with it on both sides when its own counts fall short; a verb
/// `named` by a specific noun of action as markedly as a noun), a lone
/// adjective only when it is of a place (`russe`, `azerbaïdjanais`: its
/// English is a proper adjective); an adjective of a common noun
/// (`énergétique`) is a term in its phrase (`sécurité énergétique`), not
/// alone, unless it classifies two or more kept terms (decided in
/// `finish`, once the phrases are). Phrases stand on their patterns.
fn termhood(
    s: &Stat,
    family: &[&Stat],
    general: &Reference,
    lexicon: &Lexicon,
    corpus_words: u64,
    named: bool,
    forming: bool,
) -> Termhood {
    let want = if s.verb {
        Tags::VERB
    } else if s.single == Class::default() || s.single.has(Class::PLACE) {
        return Termhood::Own;
    } else if !s.single.has(Class::NOUN) {
        return Termhood::None;
    } else {
        Tags::NOUN
    };
    let least = if s.verb && !named {
        MIN_VERB_SPECIFICITY
    } else if forming && !s.verb {
        MIN_FORMING_SPECIFICITY
    } else {
        MIN_SPECIFICITY
    };
    let per_thousand = |count: usize| count as f64 * 1000.0 / corpus_words.max(1) as f64;
    let own = general_rate(s, want, general, lexicon);
    if super::general::specificity(per_thousand(s.count), own) >= least {
        return Termhood::Own;
    }
    // The family adds evidence, never takes it away (`normal` is no longer
    // about `norme`).
    let (count, rate) = family
        .iter()
        .map(|a| (a.count, general_rate(a, Tags::ADJ, general, lexicon)))
        .fold((s.count, own), |(n, g), (count, rate)| {
            (n + count, g + rate)
        });
    if !family.is_empty() && super::general::specificity(per_thousand(count), rate) >= least {
        Termhood::Family
    } else {
        Termhood::None
    }
}

/// How often general French uses the word of a one-word candidate, as the
/// part of speech `want`, per thousand words: its lemma and every form the
/// lexicon or the text spells.
fn general_rate(s: &Stat, want: Tags, general: &Reference, lexicon: &Lexicon) -> f64 {
    let forms = lexicon.forms(&s.lemma, want);
    let spelled = s.variants.iter().map(|(v, _)| crate::text::match_key(v));
    let forms: Vec<String> = forms.into_iter().chain(spelled).collect();
    general.general_per_thousand(&s.lemma, forms.iter().map(String::as_str))
}

/// Endings that make a noun of an action from a verb's stem: `abattre` →
/// `abattage`, `s'excuser` → `excuse`, `enquêter` → `enquête`,
/// `indemniser` → `indemnisation`, `signer` → `signature`.
const NOMINAL_ENDINGS: &[&str] = &[
    "", "e", "age", "ement", "ment", "ation", "ition", "ion", "ure", "ance", "ence",
];

/// The nouns of action a verb (its infinitive) may have: its stem with each
/// of [`NOMINAL_ENDINGS`]. Most are no French word; the caller looks them up.
fn nominalisations(infinitive: &str) -> impl Iterator<Item = String> + '_ {
    let stem = ["er", "ir", "re"]
        .iter()
        .find_map(|ending| infinitive.strip_suffix(ending))
        .filter(|stem| stem.chars().count() >= 3);
    stem.into_iter()
        .flat_map(|stem| NOMINAL_ENDINGS.iter().map(move |e| format!("{stem}{e}")))
}

/// The index of `item` in `votes`, added with no votes if new.
fn place(votes: &mut Vec<(String, usize)>, item: &str) -> u32 {
    let at = votes
        .iter()
        .position(|(v, _)| v == item)
        .unwrap_or_else(|| {
            votes.push((item.to_string(), 0));
            votes.len() - 1
        });
    at as u32
}

/// A short sequence as a hash key: inline up to `N` items (nearly every
/// key), boxed beyond. Inline keys sit in the table itself, so a lookup
/// follows no pointer, and comparing two is a few loads in line, where
/// comparing slices calls `memcmp`, whose masked loads for short lengths
/// cost more than the rest of the lookup.
#[derive(Clone, Debug, PartialEq, Eq)]
enum ShortKey<T, const N: usize> {
    Inline { len: u8, items: [T; N] },
    Boxed(Box<[T]>),
}

/// Hashes the items alone, in one write: a length always takes the same
/// variant, so equal keys have equal items. An inline key hashes its whole
/// array, the default items after its own included: equal keys have equal
/// arrays, and a write of a fixed length hashes in a few steps where one of
/// the key's own length loops and copies its tail.
impl<T: std::hash::Hash, const N: usize> std::hash::Hash for ShortKey<T, N> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        match self {
            ShortKey::Inline { items, .. } => T::hash_slice(items, state),
            ShortKey::Boxed(items) => T::hash_slice(items, state),
        }
    }
}

impl<T: Copy + Default, const N: usize> ShortKey<T, N> {
    fn new(items: &[T]) -> ShortKey<T, N> {
        if items.len() > N {
            return ShortKey::Boxed(items.into());
        }
        let mut inline = [T::default(); N];
        inline[..items.len()].copy_from_slice(items);
        ShortKey::Inline {
            len: items.len() as u8,
            items: inline,
        }
    }
}

/// A spelling as a key: words of up to 22 bytes inline.
type SpellingKey = ShortKey<u8, 22>;

/// A signature as a key: its kind and up to six tokens inline.
type SignatureKey = ShortKey<u32, 7>;

/// An occurrence's signature, into `out`: its kind and length, then each
/// token's word ([`Tagged::word`]) with the whitespace before it in two low
/// bits: none, a space, or another run, whose id follows all the tokens.
/// Kept short, as the occurrence table's keys are most of its size. (The
/// shift leaves 30 bits for words: 2²⁹ spellings, far beyond any text's.)
fn signature(tagged: &[Tagged], c: &Found, out: &mut Vec<u32>) {
    const NO_GAP: u32 = 0;
    const SPACE: u32 = 1;
    const OTHER: u32 = 2;
    out.clear();
    let tokens = &tagged[c.start..c.end];
    let verb = match c.verb {
        None => 0,
        Some(Verb::Plain) => 1,
        // The `se` is not among the tokens: its distance tells it.
        Some(Verb::Reflexive(se)) => 2 + (c.start - se) as u32,
    };
    out.push(
        c.kind as u32
            | verb << 2
            | u32::from(c.adjective) << 7
            | u32::from(c.idiom) << 8
            | (tokens.len() as u32) << 9,
    );
    for (i, t) in tokens.iter().enumerate() {
        let gap = match t.gap {
            _ if i == 0 => NO_GAP,
            0 => NO_GAP,
            1 => SPACE,
            _ => OTHER,
        };
        debug_assert!(t.word < 1 << 30, "word ids fit in 30 bits");
        out.push(t.word << 2 | gap);
    }
    for t in &tokens[1..] {
        if t.gap > 1 {
            out.push(t.gap);
        }
    }
    if let Some(Verb::Reflexive(se)) = c.verb {
        out.push(tagged[se].word);
    }
}

/// A heading in capitals: at least three longer words, most of them
/// without a lowercase letter.
fn is_heading(sentence: &str, tokens: &[Token], is_word: impl Fn(&str) -> bool) -> bool {
    let long_words = tokens
        .iter()
        .filter(|t| t.shape == Shape::Word && t.span.len() > 3)
        .map(|t| &sentence[t.span.clone()]);
    let (caps, all) = long_words.fold((0, 0), |(c, a), w| {
        (c + usize::from(!w.chars().any(char::is_lowercase)), a + 1)
    });
    // Two words in capitals make a heading when nothing in the line is in
    // lower case and one is a French word, no name's (`TERMES CLÉS`, `7.
    // ASPECTS EXTERIEURS`); beside lower case, two are as likely acronyms
    // (`le GRECO et l'OLAF`), and a person's name may be all capitals
    // (`MARC DUPONT`).
    (caps >= 3 && caps * 2 > all)
        || (caps >= 2
            && !sentence.chars().any(char::is_lowercase)
            && tokens.iter().any(|t| {
                let word = &sentence[t.span.clone()];
                t.shape == Shape::Word && word.len() > 3 && is_word(word)
            }))
}

/// Each candidate's containers: the longer candidates whose keys hold its
/// key as a run of words (verbs' keys aside), each once.
fn containers(keys: &[&str], ids: &HashMap<Box<str>, u32>, stats: &[Stat]) -> Vec<Vec<u32>> {
    let mut out: Vec<Vec<u32>> = vec![Vec::new(); keys.len()];
    // The byte span of each word of a key: a run of its words is a slice.
    let mut parts: Vec<(usize, usize)> = Vec::new();
    for (long, key) in keys.iter().enumerate() {
        if stats[long].verb {
            continue;
        }
        parts.clear();
        let mut at = 0;
        for part in key.split(' ') {
            parts.push((at, at + part.len()));
            at += part.len() + 1;
        }
        if parts.len() < 2 {
            continue;
        }
        for a in 0..parts.len() {
            for b in a + 1..=parts.len() {
                if b - a == parts.len() {
                    continue;
                }
                let sub = &key[parts[a].0..parts[b - 1].1];
                let Some(&id) = ids.get(sub) else {
                    continue;
                };
                let list = &mut out[id as usize];
                if list.last() != Some(&(long as u32)) {
                    list.push(long as u32);
                }
            }
        }
    }
    out
}

/// Each lone adjective's containers by lemma: the longer candidates one of
/// whose words has the adjective's lemma (`personne morale` for `moral`).
fn adjective_containers(ids: &HashMap<Box<str>, u32>, stats: &[Stat]) -> Vec<Vec<u32>> {
    let mut out: Vec<Vec<u32>> = vec![Vec::new(); stats.len()];
    for (long, s) in stats.iter().enumerate() {
        if s.verb || !s.lemma.contains(' ') {
            continue;
        }
        for word in s.lemma.split(' ') {
            let Some(&id) = ids.get(crate::text::match_key(word).as_str()) else {
                continue;
            };
            let list = &mut out[id as usize];
            if stats[id as usize].adjective && list.last() != Some(&(long as u32)) {
                list.push(long as u32);
            }
        }
    }
    out
}

/// Where term occurrence `c` joins a definite complement: for each link
/// followed by a definite article or holding one (`du`, `des`, `au`,
/// `aux`), the tokens before the link and those after the article.
fn definite_junctions(
    s: &Sentence,
    c: &Found,
) -> Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> {
    if c.kind != Kind::Term || c.verb.is_some() {
        return Vec::new();
    }
    (c.start + 1..c.end)
        .filter(|&k| s.tagged[k].class.has(Class::LINK))
        .filter_map(|link| {
            let after = link + 1;
            let article = after < c.end && definite(s, after);
            let complement = if article { after + 1 } else { after };
            (article || definite(s, link)).then_some((c.start..link, complement..c.end))
        })
        .collect()
}

/// Whether token `k` is a definite article (`la`, `l'`, `les`) or a link
/// holding one (`du`, `des`, `au`, `aux`).
fn definite(s: &Sentence, k: usize) -> bool {
    let t = s.tagged[k];
    if t.class.has(Class::ARTICLE) {
        return !t.marks.has(Marks::INDEFINITE);
    }
    t.class.has(Class::LINK) && t.marks.has(Marks::CONTRACTED)
}

/// Whether the word at `k` is the noun of a prepositional locution: after a
/// bare `en` (`en vigueur`, `en œuvre`), or between a preposition (with or
/// without an article) and `de` (`au sein de`, `à l'égard de`).
fn in_locution(tagged: &[Tagged], k: usize) -> bool {
    let Some(prev) = k.checked_sub(1).map(|i| tagged[i].marks) else {
        return false;
    };
    let next_is_de = tagged.get(k + 1).is_some_and(|t| t.marks.has(Marks::DE));
    if !next_is_de {
        return false;
    }
    if prev.has(Marks::PREPOSITION) {
        return true;
    }
    prev.has(Marks::ARTICLE) && k >= 2 && tagged[k - 2].marks.has(Marks::PREPOSITION)
}

/// Which bare preposition, `à` (0) or `en` (1), is right before tokens
/// `start..end`: the opening of an adverbial locution (`à huis clos`, `en
/// coulisses`) where the words stand on their own (a noun framed by `en …
/// de`, `en matière de`, is a preposition's: [`in_locution`]).
fn adverbial_frame(tagged: &[Tagged], start: usize) -> Option<usize> {
    let prev = tagged.get(start.checked_sub(1)?)?;
    if tagged[start].gap == NOT_ADJACENT {
        return None;
    }
    if prev.marks.has(Marks::A) {
        Some(0)
    } else if prev.marks.has(Marks::EN) {
        Some(1)
    } else {
        None
    }
}

/// The bare prepositions of adverbial locutions, as [`adverbial_frame`]
/// numbers them.
const FRAMES: [&str; 2] = ["à", "en"];

/// Words whose h is aspirated, which elides nothing before it (`le
/// hasard`, `nouveau handicap`), and the words that begin with them
/// (`hauteur`, `hiérarchique`): a closed list of French grammar.
const ASPIRATED_H: &[&str] = &[
    "hache",
    "haie",
    "haine",
    "hall",
    "halte",
    "hameau",
    "hanche",
    "handicap",
    "hangar",
    "harcèle",
    "hardi",
    "hareng",
    "hargne",
    "haricot",
    "hasard",
    "hâte",
    "hausse",
    "haut",
    "héros",
    "hiérarchi",
    "hockey",
    "homard",
    "honte",
    "hors",
    "housse",
    "huit",
    "hurle",
    "hutte",
];

/// True when a word begins with a vowel or a mute h, where French elides
/// (`l'État`, `nouvel hôpital`).
fn starts_with_vowel_sound(word: &str) -> bool {
    let lower = word.to_lowercase();
    match lower.chars().next() {
        Some('h') => !ASPIRATED_H.iter().any(|h| lower.starts_with(h)),
        Some(c) => "aeiouyàâäéèêëîïôöùûüœæ".contains(c),
        None => false,
    }
}

/// `s` with its first letter in capitals (`état` → `État`).
fn upper_initial(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// `s` with its first letter in lower case.
fn lower_initial(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

/// The most voted, the first in order among equals.
fn best<'a>(votes: impl IntoIterator<Item = (&'a String, &'a usize)>) -> String {
    votes
        .into_iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(s, _)| s.clone())
        .unwrap_or_default()
}

fn count_grammatical(words: &[Tagged]) -> usize {
    words
        .iter()
        .filter(|w| w.class.has(Class::LINK) || w.class.has(Class::ARTICLE))
        .count()
}

/// One candidate occurrence: a token range and its kind.
#[derive(Debug)]
struct Found {
    start: usize,
    end: usize,
    kind: Kind,
    /// A verb's occurrence (one token), grouped by its infinitive.
    verb: Option<Verb>,
    /// A lone adjective's occurrence (one token), grouped by its lemma:
    /// where a word may be either, the same word heading a phrase is a
    /// noun (`la directive`, `les directives`; `une mesure directive`).
    adjective: bool,
    /// A verbal idiom's occurrence (`a demandé des comptes aux
    /// responsables`), cited by its verb's infinitive.
    idiom: bool,
    /// An institution's name by its capitals (see [`find_candidates`]).
    institution: bool,
}

impl Found {
    fn new(start: usize, end: usize, kind: Kind) -> Found {
        Found {
            start,
            end,
            kind,
            verb: None,
            adjective: false,
            idiom: false,
            institution: false,
        }
    }
}

/// The candidate occurrences of verbal idiom `m`, into `out`: the idiom,
/// and the idiom with its complement after its preposition and an article,
/// a noun and each of the adjectives agreeing with it in turn (`demander
/// des comptes | aux responsables | locaux`), as a noun phrase's parts
/// are: a candidate of its own where it recurs.
fn find_idiom(words: &[Tagged], m: &Match, out: &mut Vec<Found>) {
    let Some(idiom) = m.idiom.clone() else {
        return;
    };
    out.push(Found {
        idiom: true,
        ..Found::new(idiom.start, idiom.end, Kind::Term)
    });
    if m.tokens.end == idiom.end {
        return;
    }
    let adjacent = |k: usize| k < words.len() && words[k].gap != NOT_ADJACENT;
    let mut head = m.tokens.end;
    if adjacent(head) && words[head].class.has(Class::ARTICLE) {
        head += 1;
    }
    if !adjacent(head) || !words[head].class.has(Class::NOUN) {
        return;
    }
    let mut end = head + 1;
    loop {
        out.push(Found {
            idiom: true,
            ..Found::new(idiom.start, end, Kind::Term)
        });
        if !(adjacent(end)
            && words[end].class.has(Class::ADJ)
            && words[end].agreement & words[head].agreement != 0)
        {
            break;
        }
        end += 1;
    }
}

/// How a verb occurs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verb {
    Plain,
    /// Pronominal: the token of its `se`/`s'` (`s'est excusé`).
    Reflexive(usize),
}

/// The candidate occurrences of a tagged sentence, into `out`; `ends` is
/// scratch.
fn find_candidates(
    words: &[Tagged],
    max_words: usize,
    ends: &mut Vec<usize>,
    out: &mut Vec<Found>,
) {
    out.clear();
    // Two tokens belong to one phrase only when nothing but spaces separates them.
    let adjacent = |i: usize| words[i].gap != NOT_ADJACENT;
    // Names: runs of capitalised words, acronyms and codes, with particles between.
    let mut i = 0;
    while i < words.len() {
        if !words[i].class.is_named() {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        let mut j = i + 1;
        while j < words.len() && adjacent(j) {
            // A capitalised common noun then a person's name: two names
            // (`le président du Parlement Sahiba Gafarova`). A person's
            // name has a surname after the first name; a last word alone
            // ends the name it follows (`Transparency International
            // Belgium`, `Public Services Group`).
            let person_after_noun = words[j].class.has(Class::FIRST)
                && j == end
                && words[j - 1].class.has(Class::NOUN)
                && words
                    .get(j + 1)
                    .is_some_and(|w| w.gap != NOT_ADJACENT && w.class.is_named());
            if person_after_noun {
                break;
            }
            if words[j].class.is_named() {
                end = j + 1;
                j += 1;
            } else if words[j]
                .marks
                .has(Marks(Marks::NAME_PARTICLE.0 | Marks::ENGLISH.0))
            {
                j += 1;
            } else {
                break;
            }
        }
        // French capitalises the first noun of an institution's name, not
        // the adjectives after it (`Nations unies`, `Communautés
        // européennes`, `Service de la Politique criminelle`): a name ending
        // on a capitalised common noun takes the adjectives agreeing with it.
        if end - start > 1 && words[end - 1].class.has(Class::NOUN) {
            let noun = words[end - 1].agreement;
            while end < words.len()
                && adjacent(end)
                && words[end].class.has(Class::ADJ)
                && !words[end].class.is_named()
                && !words[end].class.has(Class::PARTICIPLE)
                && !words[end].marks.has(Marks::NON)
                && words[end].agreement & noun != 0
            {
                end += 1;
            }
        }
        // A sentence's first word says nothing by its capital, but a noun
        // there right before a run of capitalised words is the name's first
        // (`Service Public Fédéral Justice` on a line of its own).
        let start = if start > 0
            && start == i
            && adjacent(start)
            && words[start - 1].word & 1 == 1
            && words[start - 1].class.has(Class::NOUN)
            && end - start > 1
        {
            start - 1
        } else {
            start
        };
        if end - start == 1 && words[start].class.has(Class::NOUN) {
            // A capitalised common noun alone heads a term instead (below).
            i += 1;
            continue;
        }
        if end - start == 1 && words[start].class.has(Class::LINKED_NAMES | Class::ARTICLE) {
            i += 1;
            continue;
        }
        // A run of more names than a term has content words is a list or a
        // heading, not a name: only the acronyms and codes in it count.
        let named = words[start..end]
            .iter()
            .filter(|w| w.class.is_named())
            .count();
        let kind = if end - start > 1 {
            Kind::Name
        } else if words[start].class.has(Class::ACRONYM) {
            Kind::Acronym
        } else if words[start].class.has(Class::CODE) {
            Kind::Code
        } else {
            Kind::Name
        };
        if named <= max_words {
            out.push(Found::new(start, end, kind));
        }
        // The acronym or code inside a longer name counts on its own as well.
        if end - start > 1 {
            for (k, w) in words.iter().enumerate().take(end).skip(start) {
                let c = w.class;
                if c.has(Class::ACRONYM) || c.has(Class::CODE) {
                    let kind = if c.has(Class::ACRONYM) {
                        Kind::Acronym
                    } else {
                        Kind::Code
                    };
                    out.push(Found::new(k, k + 1, kind));
                }
            }
        }
        i = end.max(i + 1);
    }
    // Terms: noun phrases (N A* (link article? N A*)*) and their well-formed parts.
    let mut i = 0;
    while i < words.len() {
        if !words[i].class.has(Class::NOUN) {
            i += 1;
            continue;
        }
        // Grow the chunk.
        let start = i;
        ends.clear();
        ends.push(i + 1);
        let mut j = i + 1;
        loop {
            let modifiers = j;
            while j < words.len() && adjacent(j) && words[j].class.is_modifier() {
                j += 1;
                ends.push(j);
            }
            // A verb's participle governs the complement after it (`les
            // infractions visées à l'article`, `une personne soumise à
            // l'autorité`, `fondé sur`): a reduced relative clause, whose
            // complement is the verb's, not part of a term. `governed` drops
            // the phrase that ends on it; this keeps it from running on.
            if j > modifiers
                && words[j - 1].class.has(Class::PAST)
                && !words[j - 1].class.is_named()
            {
                break;
            }
            // A link, an optional article, then a noun.
            let mut k = j;
            if k < words.len() && adjacent(k) && words[k].class.has(Class::LINK) {
                k += 1;
                if k < words.len() && adjacent(k) && words[k].class.has(Class::ARTICLE) {
                    k += 1;
                }
                if k < words.len()
                    && adjacent(k)
                    && (words[k].class.has(Class::NOUN) || words[k].class.is_named())
                {
                    j = k + 1;
                    ends.push(j);
                    continue;
                }
            }
            break;
        }
        let chunk_end = *ends.last().unwrap_or(&(i + 1));
        // Every sub-span that starts on a noun and ends on a content word,
        // with adjectives that agree with their noun.
        for a in start..chunk_end {
            if !words[a].class.has(Class::NOUN) {
                continue;
            }
            if a > start
                && !words[a - 1].class.has(Class::LINK)
                && !words[a - 1].class.has(Class::ARTICLE)
            {
                // A noun right after another content word is a modifier, not a head.
                continue;
            }
            let mut head = a;
            let before = out.len();
            for &b in ends.iter().filter(|&&b| b > a) {
                let last = &words[b - 1];
                if b - 1 > a && words[b - 2].class.has(Class::LINK | Class::ARTICLE) {
                    head = b - 1;
                } else if b - 1 > head
                    && last.class.has(Class::ADJ)
                    && (!last.class.has(Class::NOUN) || last.class.has(Class::RELATIONAL))
                    && last.agreement & words[head].agreement == 0
                {
                    break;
                }
                // Names after a link count too: without them a chain of
                // `de` and unknown capitalised words has no length limit.
                let content = words[a..b]
                    .iter()
                    .filter(|w| w.class.is_modifier() || w.class.is_named())
                    .count();
                if content > max_words {
                    break;
                }
                // A participle ends no term (`infraction commise`), and a
                // place's adjective after a term's own adjective makes no
                // new term (`espace aérien | russe`).
                // A name's capitalised noun takes its participle as an
                // adjective, in lower case as French writes it (`Nations
                // unies`).
                let of_a_name = b - a == 2 && words[a].class.has(Class::PROPER);
                let participle =
                    last.class.has(Class::PARTICIPLE) && !last.class.has(Class::NOUN) && !of_a_name;
                // It modifies the whole term when it follows the term's own
                // adjective, or agrees with the first noun only (`avion de
                // ligne | azerbaïdjanais`, not `école de (langue russe)`).
                let of_a_place = b - a >= 3
                    && last.class.has(Class::RELATIONAL)
                    && ((words[b - 2].class.has(Class::ADJ)
                        && !words[b - 2].marks.has(Marks::NON))
                        || (last.agreement & words[head].agreement == 0
                            && last.agreement & words[a].agreement != 0));
                if participle || of_a_place || last.marks.has(Marks::NON) {
                    continue;
                }
                // A capitalised word alone is a name (`Commission`); a phrase
                // is a term (`Parlement européen`, `Commission au Parlement`)
                // unless the names' pass above found it as a name too.
                let kind = if b - a == 1 && words[a].class.is_named() {
                    Kind::Name
                } else {
                    Kind::Term
                };
                out.push(Found::new(a, b, kind));
            }
            // French capitalises the first noun of an institution's name
            // and nothing after it but names (`Comité des régions`,
            // `Organisation mondiale du commerce`): the longest phrase such
            // a capitalised noun heads mid-sentence, its complements joined
            // by `de` and holding no other name or verb, is the
            // institution's name, kept from one occurrence as names are.
            if a == start
                && words[a].class.has(Class::PROPER)
                && words[a].class.has(Class::NOUN)
                && out.len() > before + 1
                && let Some(longest) = out.last_mut()
                && words[a + 1..longest.end].iter().all(|w| {
                    !w.class.is_named()
                        && !w.class.has(Class::VERB)
                        && (!w.class.has(Class::LINK) || w.marks.has(Marks::DE))
                })
                && words[a..longest.end]
                    .iter()
                    .filter(|w| w.class.is_modifier())
                    .count()
                    <= 4
            {
                longest.institution = true;
            }
        }
        i = chunk_end.max(i + 1);
    }
    // Single adjectives are term candidates too (pénale, illicite), and so
    // are adjectives of places where they modify a noun (`journaliste
    // russe`; the lexicon has `russe` as a noun too, a head elsewhere).
    for (k, w) in words.iter().enumerate() {
        let modifies = k > 0 && adjacent(k) && words[k - 1].class.is_modifier();
        let adjective = !w.class.has(Class::NOUN) || (w.class.has(Class::RELATIONAL) && modifies);
        if w.class.has(Class::ADJ)
            && adjective
            && !w.class.has(Class::PARTICIPLE)
            && !w.class.is_named()
            && !w.marks.has(Marks::NON)
        {
            out.push(Found {
                adjective: true,
                ..Found::new(k, k + 1, Kind::Term)
            });
        }
    }
    // Verbs: a pure verb form, a past participle standing as an adjective
    // (`l'avion abattu`), a word the context made a verb (`il indemnise`,
    // `a été abattu`); pronominal when `se` comes before it or before its
    // auxiliaries and adverbs (`s'est déjà excusé`).
    for (k, w) in words.iter().enumerate() {
        let c = w.class;
        let verb = c.has(Class::VERB_FORM)
            && (!c.has(Class::NOUN | Class::ADJ)
                || (c.has(Class::PARTICIPLE) && !c.has(Class::NOUN)));
        if !verb {
            continue;
        }
        let mut j = k;
        while j > 0
            && k - j < 3
            && words[j - 1]
                .marks
                .has(Marks(Marks::AUXILIARY.0 | Marks::ADVERB.0))
        {
            j -= 1;
        }
        let verb = match j.checked_sub(1) {
            Some(se) if words[se].marks.has(Marks::REFLEXIVE) => Verb::Reflexive(se),
            _ => Verb::Plain,
        };
        out.push(Found {
            verb: Some(verb),
            ..Found::new(k, k + 1, Kind::Term)
        });
    }
}

/// A letter without its accent, in capitals (`é` → `E`).
fn base_upper(c: char) -> char {
    use unicode_normalization::UnicodeNormalization;
    let base = std::iter::once(c).nfd().next().unwrap_or(c);
    base.to_uppercase().next().unwrap_or(base)
}

fn initial_of(word: &str) -> Option<char> {
    word.chars().next().map(base_upper)
}

/// An acronym defined in a sentence: the acronym (or the name it ends,
/// `PEACE Act`), its expansion, and the expansion's tokens.
struct Expansion {
    acronym: String,
    expansion: String,
    tokens: std::ops::Range<usize>,
}

/// Whether `words` spell `letters` by their initials: every content word
/// gives the next letter; a grammatical word (`de`, `du`, `la`) may give
/// one or be passed over (`Électricité de France` spells EDF, `Agence
/// nationale de sécurité du médicament` ANSM).
fn spells(letters: &[char], words: &[(Option<char>, bool)]) -> bool {
    match (letters.split_first(), words.split_first()) {
        (_, None) => letters.is_empty(),
        (None, Some(_)) => false,
        (Some((l, rest)), Some(((initial, grammatical), more))) => {
            (*initial == Some(*l) && spells(rest, more)) || (*grammatical && spells(letters, more))
        }
    }
}

/// Acronyms defined in the sentence, in either order: `Communauté des
/// États indépendants (CEI)`, `Électricité de France (EDF)`, `EDF
/// (Électricité de France)`, `l'ANSM, l'Agence nationale de sécurité du
/// médicament`, and a name's own acronym expanded: `PEACE Act (Preventing
/// … Act)`.
fn expansions(sentence: &str, tokens: &[Token], words: &[Tagged]) -> Vec<Expansion> {
    let mut out = Vec::new();
    let text = |i: usize| &sentence[tokens[i].span.clone()];
    // Links, articles and the conjunctions that join a name's parts
    // (`Organisation de coopération et de développement économiques`)
    // give an expansion no letter.
    let grammatical = |k: usize| {
        words[k].class.has(Class::LINK | Class::ARTICLE) || words[k].marks.has(Marks::CONJUNCTION)
    };
    // A word that can be in an expansion: a content word or a grammatical
    // one, elided too (`d'`, `l'`).
    let in_phrase = |k: usize| match tokens[k].shape {
        Shape::Word => !words[k].class.has(Class::STOP) || grammatical(k),
        Shape::Elision => grammatical(k),
        _ => false,
    };
    let letters_of = |acronym: &str| -> Vec<char> {
        acronym
            .chars()
            .filter(|c| c.is_alphabetic())
            .map(base_upper)
            .collect()
    };
    let spelled = |letters: &[char], range: std::ops::Range<usize>| {
        let first_is_content = !grammatical(range.start);
        let last_is_content = !grammatical(range.end - 1);
        first_is_content
            && last_is_content
            && spells(
                letters,
                &range
                    .map(|k| (initial_of(text(k)), grammatical(k)))
                    .collect::<Vec<_>>(),
            )
    };
    let mut push = |acronym: &str, range: std::ops::Range<usize>| {
        out.push(Expansion {
            acronym: acronym.to_string(),
            expansion: sentence[tokens[range.start].span.start..tokens[range.end - 1].span.end]
                .to_string(),
            tokens: range,
        });
    };
    for k in 0..tokens.len() {
        if !words[k].class.has(Class::ACRONYM) {
            continue;
        }
        let acronym = text(k);
        let letters = letters_of(acronym);
        if letters.len() < 2 {
            continue;
        }
        let longest = 3 * letters.len() + 2;
        let bracketed = k > 0 && k + 1 < tokens.len() && text(k - 1) == "(" && text(k + 1) == ")";
        // The expansion before `(ACR)`: the nearest start that spells it.
        if bracketed {
            let end = k - 1;
            let found = (end.saturating_sub(longest)..end)
                .rev()
                .take_while(|&start| in_phrase(start))
                .find(|&start| spelled(&letters, start..end));
            if let Some(start) = found {
                push(acronym, start..end);
                continue;
            }
        }
        // The expansion after `ACR (` or `ACR, (l')`: the shortest that
        // spells it; after a comma it must be a name (capitalised).
        let Some(open) = tokens.get(k + 1).map(|_| text(k + 1)) else {
            continue;
        };
        if !matches!(open, "(" | ",") {
            continue;
        }
        let mut start = k + 2;
        if start < tokens.len() && words[start].class.has(Class::ARTICLE) {
            start += 1;
        }
        if start >= tokens.len() || (open == "," && !is_capitalised(text(start))) {
            continue;
        }
        let found = (start + 1..=(start + longest).min(tokens.len()))
            .take_while(|&end| in_phrase(end - 1))
            .find(|&end| spelled(&letters, start..end));
        if let Some(end) = found {
            let closed = open == "," || tokens.get(end).is_some_and(|_| text(end) == ")");
            if closed {
                push(acronym, start..end);
            }
        }
    }
    // `PEACE Act (Preventing Escalation and Advancing Caucasus Engagement Act)`:
    // a name ending in words after its acronym, expanded by capitalised words.
    for open in 0..tokens.len() {
        if text(open) != "(" {
            continue;
        }
        // The group closes before any other opens: scans from successive
        // `(` never overlap, so a run of unclosed ones stays linear.
        let Some(close) = (open + 1..tokens.len())
            .find(|&k| matches!(text(k), "(" | ")"))
            .filter(|&k| text(k) == ")")
        else {
            continue;
        };
        let inner = open + 1..close;
        let Some(before) = open.checked_sub(1) else {
            continue;
        };
        if inner.len() < 2 || words[before].class.has(Class::ACRONYM) {
            continue;
        }
        let mut acr = before;
        while acr > 0 && !words[acr].class.has(Class::ACRONYM) && words[acr].class.is_named() {
            acr -= 1;
        }
        if !words[acr].class.has(Class::ACRONYM) {
            continue;
        }
        let letters = letters_of(text(acr));
        let initials: Vec<char> = inner
            .clone()
            .map(text)
            .filter(|w| is_capitalised(w))
            .filter_map(initial_of)
            .collect();
        if initials.len() >= letters.len() && initials[..letters.len()] == letters[..] {
            let name = &sentence[tokens[acr].span.start..tokens[before].span.end];
            push(name, inner.clone());
            push(text(acr), inner);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elision_comes_before_a_vowel_or_a_mute_h_only() {
        for (word, elides) in [
            ("État", true),
            ("hôpital", true),
            ("homme", true),
            ("hasard", false),
            ("hauteur", false),
            ("Hiérarchie", false),
            ("pays", false),
            ("", false),
        ] {
            assert_eq!(starts_with_vowel_sound(word), elides, "{word}");
        }
    }

    #[test]
    fn an_adjective_knows_its_masculine_singular_before_a_vowel() {
        let e = Extractor::new(Lexicon::french(), ExtractorOptions::default());
        let g = &e.grammar;
        for (word, elided) in [
            ("nouveaux", Some("nouvel")),
            ("beaux", Some("bel")),
            ("vieux", Some("vieil")),
            ("nouvel", Some("nouvel")),
            ("grands", None),
        ] {
            let w = classify(g, word, Shape::Word, false);
            assert_eq!(w.elided.as_deref(), elided, "{word}");
        }
    }

    #[test]
    fn names_linked_into_a_term_count_towards_its_length() {
        let token = |class| Tagged {
            class,
            agreement: ANY_AGREEMENT,
            marks: Marks::default(),
            word: 0,
            gap: 1,
        };
        // `ligne de tramway de Villeneuve de Villeneuve de …`: a chain with
        // two nouns and forty names.
        let mut words = vec![token(Class::NOUN), token(Class::LINK), token(Class::NOUN)];
        for _ in 0..40 {
            words.extend([token(Class::LINK), token(Class::PROPER)]);
        }
        let (mut ends, mut out) = (Vec::new(), Vec::new());
        find_candidates(&words, 5, &mut ends, &mut out);
        let longest = out.iter().map(|f| f.end - f.start).max().unwrap();
        assert_eq!(longest, 9, "five content words and their four links");
    }

    /// The evidence of a document read by the extractor is the one
    /// [`Evidence::add`] finds in its paragraphs, on every text file of the
    /// fixtures and seeds (French, English and other languages) and on the
    /// tokeniser's edge cases.
    #[test]
    fn language_evidence_from_tokens_is_the_texts() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        let mut dirs = vec![root.join("tests/data"), root.join("seeds")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if let Ok(text) = std::fs::read_to_string(&path) {
                    files.push((path.display().to_string(), text));
                }
            }
        }
        assert!(files.len() > 100, "{} files", files.len());
        files.push((
            "edge cases".into(),
            "L’U.E.Mx a-t-il dit-elle aujourd’hui qu’l'l’a HR5632 Pantsir-S1 3,5 % \
             Nord–Sud x\u{200b}y Ⓐⓑ ΣΑΣ αβγ ДА НЕТ 中文 l'«THE» OF THE AND THE\n\
             LE TITRE EN CAPITALES DE LA SECTION\n\tThe\u{a0}end, of\u{2009}it.\n"
                .into(),
        ));
        let mut x = Extractor::new(Lexicon::french(), ExtractorOptions::default());
        for (name, text) in &files {
            x.start_document(name);
            let mut expected = Evidence::default();
            for (line, paragraph) in text.lines().enumerate() {
                expected.add(paragraph);
                x.add_paragraph(line + 1, paragraph);
            }
            assert_eq!(x.language(), &expected, "{name}");
        }
    }

    #[test]
    fn a_short_spelling_is_its_bytes_and_length() {
        // Every string of 1 to 7 bytes over four bytes, against the plain
        // packing: equal words for equal spellings only.
        let alphabet = [0x00, 0x41, 0xc3, 0xff];
        for n in 1..=7u32 {
            for i in 0..4usize.pow(n) {
                let bytes: Vec<u8> = (0..n).map(|k| alphabet[i / 4usize.pow(k) % 4]).collect();
                let packed = bytes.iter().rev().fold(0u64, |w, &b| w << 8 | u64::from(b));
                assert_eq!(
                    short_spelling(&bytes),
                    Some(packed | u64::from(n) << 56),
                    "{bytes:?}"
                );
            }
        }
        assert_eq!(short_spelling(b""), None);
        assert_eq!(short_spelling(b"abcdefgh"), None);
    }

    #[test]
    fn a_long_spelling_is_its_first_and_last_eight_bytes() {
        // With the length, the two words are the spelling: every byte
        // changed changes one of them.
        for n in 8..=16usize {
            let bytes: Vec<u8> = (0..n as u8).map(|k| b'a' + k).collect();
            let key = long_spelling(&bytes).expect("8 to 16 bytes");
            for at in 0..n {
                let mut other = bytes.clone();
                other[at] = b'#';
                assert_ne!(long_spelling(&other), Some(key), "{n} {at}");
            }
        }
        assert_eq!(long_spelling(b"abcdefg"), None);
        assert_eq!(long_spelling(&[b'a'; 17]), None);
    }

    #[test]
    fn documents_keep_order_as_runs() {
        let mut d = Documents::default();
        for doc in [0, 0, 1, 2, 2, 5, 6, 9] {
            d.add(doc);
        }
        assert_eq!(d.iter().collect::<Vec<_>>(), [0, 1, 2, 5, 6, 9]);
        assert_eq!(d.len(), 6);
        assert_eq!(d.earlier, [0..3, 5..7]);
        assert_eq!(Documents::default().len(), 0);
    }

    #[test]
    fn short_keys_equal_and_hash_by_their_items() {
        use crate::text::FxHasher;
        use std::hash::{BuildHasher, BuildHasherDefault};
        let hash = |k: &SignatureKey| BuildHasherDefault::<FxHasher>::default().hash_one(k);
        let long: Vec<u32> = (0..20).collect();
        for items in [&[][..], &[1, 2, 3], &long[..7], &long[..8], &long[..]] {
            let (a, b) = (SignatureKey::new(items), SignatureKey::new(items));
            assert_eq!(a, b);
            assert_eq!(hash(&a), hash(&b));
        }
        assert!(matches!(
            SignatureKey::new(&long[..7]),
            ShortKey::Inline { .. }
        ));
        assert!(matches!(SignatureKey::new(&long[..8]), ShortKey::Boxed(_)));
        // Trailing zeros are items, not padding.
        assert_ne!(SignatureKey::new(&[1]), SignatureKey::new(&[1, 0]));
        assert_ne!(SpellingKey::new(b"ab"), SpellingKey::new(b"ab\0"));
    }

    #[test]
    fn signatures_tell_kinds_lengths_and_whitespace_apart() {
        let token = |word, gap| Tagged {
            class: Class::NOUN,
            agreement: ANY_AGREEMENT,
            marks: Marks::default(),
            word,
            gap,
        };
        let of = |tagged: &[Tagged], start, end, kind| {
            let mut out = Vec::new();
            signature(tagged, &Found::new(start, end, kind), &mut out);
            out
        };
        let spaced = [token(4, NOT_ADJACENT), token(6, 1), token(8, 1)];
        let joined = [token(4, NOT_ADJACENT), token(6, 0), token(8, 1)];
        let nbsp = [token(4, NOT_ADJACENT), token(6, 2), token(8, 3)];
        let all = [&spaced, &joined, &nbsp].map(|t| of(t, 0, 3, Kind::Term));
        assert_ne!(all[0], all[1]);
        assert_ne!(all[0], all[2]);
        assert_ne!(all[1], all[2]);
        assert_ne!(of(&spaced, 0, 3, Kind::Term), of(&spaced, 0, 3, Kind::Name));
        assert_ne!(of(&spaced, 0, 2, Kind::Term), of(&spaced, 0, 3, Kind::Term));
        // The gap before a candidate's first token is not part of it.
        assert_eq!(
            of(&spaced, 1, 3, Kind::Term),
            of(&joined[1..], 0, 2, Kind::Term)
        );
    }
}
