//! `tmkit terms` and `tmkit glossary` end to end, as a user runs them.

use super::{assert_fails, data, stderr, tmkit, tmkit_head};

fn rows(csv: &[u8]) -> Vec<Vec<String>> {
    let mut r = csv::Reader::from_reader(csv);
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    let mut out = vec![header];
    out.extend(
        r.records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect()),
    );
    out
}

/// `tmkit ARGS` on `text` as standard input, which must succeed: its
/// candidates as rows, the header first.
fn candidates(args: &[&str], text: &str) -> Vec<Vec<String>> {
    let o = tmkit(args, Some(text.as_bytes()));
    assert!(o.status.success(), "{}", stderr(&o));
    rows(&o.stdout)
}

fn find<'a>(table: &'a [Vec<String>], term: &str) -> Option<&'a Vec<String>> {
    table.iter().find(|r| r[0] == term)
}

/// Fails naming each term of `terms` that the table lacks.
fn present(table: &[Vec<String>], terms: &[&str]) {
    for term in terms {
        assert!(find(table, term).is_some(), "{term} missing: {table:?}");
    }
}

/// Fails naming each term of `terms` that the table lists.
fn absent(table: &[Vec<String>], terms: &[&str]) {
    for term in terms {
        assert!(find(table, term).is_none(), "{term}: {table:?}");
    }
}

fn col(table: &[Vec<String>], name: &str) -> usize {
    table[0].iter().position(|h| h == name).unwrap()
}

#[test]
fn the_product_owners_examples_come_out_of_the_seeds_even_when_seen_once() {
    let o = tmkit(
        &[
            "terms",
            "tests/data/workspace/seeds/fr/000_8103dfe14ac7aa7a.txt",
            "tests/data/workspace/seeds/fr/001_4a379577d075ae0b.txt",
        ],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let t = rows(&o.stdout);
    let kind = col(&t, "type");
    for (term, expected) in [
        ("CEI", "acronym"),
        ("OCS", "acronym"),
        ("PEACE Act", "name"),
        ("Pantsir-S1", "code"),
        ("HR5632", "code"),
        ("corridor de transport Nord–Sud", "term"),
        ("défense aérienne", "term"),
        ("projet de loi", "term"),
    ] {
        let row = find(&t, term).unwrap_or_else(|| panic!("{term} missing"));
        assert_eq!(row[kind], expected, "{term}");
    }
    let peace = find(&t, "PEACE Act").unwrap();
    assert_eq!(
        peace[col(&t, "expansion")],
        "Preventing Escalation and Advancing Caucasus Engagement Act"
    );
}

#[test]
fn the_product_owners_examples_get_their_english_from_the_alignment_alone() {
    let o = tmkit(
        &[
            "terms",
            "seeds/fr/000_8103dfe14ac7aa7a.txt",
            "seeds/fr/001_4a379577d075ae0b.txt",
            "--tm",
            "export/tm/seeds.fr-en.tmx",
        ],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let t = rows(&o.stdout);
    let (en, status) = (col(&t, "en-GB"), col(&t, "status"));
    for (term, english) in [
        ("CEI", "CIS"),
        ("PEACE Act", "PEACE Act"),
        ("Pantsir-S1", "Pantsir-S1"),
        (
            "corridor de transport Nord–Sud",
            "North–South Transport Corridor",
        ),
    ] {
        let row = find(&t, term).unwrap_or_else(|| panic!("{term} missing"));
        assert_eq!(
            (row[en].as_str(), row[status].as_str()),
            (english, "proposed")
        );
    }
}

#[test]
fn the_default_list_is_precision_first_and_all_shows_the_long_tail() {
    // Specificity is relative to the text's length: a text of some 1,000
    // words, which uses `année` twice as news French does.
    let text = format!(
        "Cette année, le corridor. L'année suivante, le corridor.\n{}\n",
        "Il a dit que nous le verrons bien demain. ".repeat(120)
    );
    let default = rows(&tmkit(&["terms"], Some(text.as_bytes())).stdout);
    let all = rows(&tmkit(&["terms", "--all"], Some(text.as_bytes())).stdout);
    // `année` is common in any French text; `corridor` is not.
    assert!(find(&default, "corridor").is_some());
    assert!(find(&default, "année").is_none());
    assert!(find(&all, "année").is_some());
}

/// A text of some 1,000 words around `lines`, so that specificity has a
/// text length to be relative to.
fn padded(lines: &str) -> String {
    format!(
        "{lines}\n{}\n",
        "Il a dit que nous le verrons bien demain. ".repeat(120)
    )
}

#[test]
fn general_words_that_termsuites_table_lacks_are_not_terms() {
    // TermSuite's table has no `personne`; the word-form list knows it is
    // everywhere.
    let text =
        padded("Une personne est venue. Une autre personne aussi. Le corridor. Le corridor.");
    let t = rows(&tmkit(&["terms"], Some(text.as_bytes())).stdout);
    assert!(find(&t, "corridor").is_some());
    assert!(find(&t, "personne").is_none(), "{t:?}");
}

#[test]
fn domain_verbs_are_candidates_by_their_infinitive_pronominal_or_participle() {
    let text = padded(
        "Moscou indemnise les familles. Il faut indemniser les familles. \
         Il s'est désisté. Elle s'était déjà désistée. Le drone a été intercepté. Un drone intercepté. \
         Ils ont souligné le fait. Elle a souligné le point.",
    );
    let t = rows(&tmkit(&["terms"], Some(text.as_bytes())).stdout);
    let variants = col(&t, "variants");
    let indemniser = find(&t, "indemniser").expect("indemniser");
    assert_eq!(indemniser[variants], "indemnise|indemniser");
    assert_eq!(
        find(&t, "se désister").expect("se désister")[variants],
        "désisté|désistée"
    );
    assert!(find(&t, "intercepté").is_some(), "{t:?}");
    // A verb every text uses (a reporting verb) is no term.
    assert!(find(&t, "souligner").is_none() && find(&t, "souligné").is_none());
}

#[test]
fn a_noun_that_forms_terms_needs_a_little_less_specificity() {
    // Four `enquête` in some 3,000 words is about nine times the general
    // rate (specificity 0.95): short of the bar alone, enough for a noun
    // the text builds two phrases on.
    let filler = "Il a dit que nous le verrons bien demain. ".repeat(360);
    let alone = format!(
        "Une enquête a commencé. Une autre enquête suivra. Cette enquête est close. \
         Son enquête est close.\n{filler}\n"
    );
    let t = rows(&tmkit(&["terms"], Some(alone.as_bytes())).stdout);
    assert!(find(&t, "enquête").is_none(), "{t:?}");
    let forming = format!(
        "Une enquête objective a commencé. Une enquête complète suivra. Cette enquête est \
         close. Son enquête est close.\n{filler}\n"
    );
    let t = rows(&tmkit(&["terms"], Some(forming.as_bytes())).stdout);
    let enquete = find(&t, "enquête").expect("enquête");
    assert_eq!(enquete[col(&t, "count")], "4");
}

#[test]
fn a_verb_is_a_term_where_the_text_names_its_action_with_a_specific_noun() {
    // `abattre` and `s'excuser` are common verbs, but the text is about the
    // shooting down (`abattage`) and the apology (`excuses`); `affirmer`
    // has its noun too, but introduces what is said (`affirmer que`).
    let text = padded(
        "L'avion a été abattu. Un avion abattu. L'abattage de l'avion. Un abattage. \
         Il s'est excusé. Elle s'était excusée. Des excuses. Ses excuses. \
         Il a affirmé que tout va bien. Elle affirme que non. Ses affirmations. Des affirmations. \
         Il a mangé une pomme. Elle a mangé une poire.",
    );
    let t = rows(&tmkit(&["terms"], Some(text.as_bytes())).stdout);
    assert!(find(&t, "abattu").is_some(), "{t:?}");
    assert!(find(&t, "s'excuser").is_some(), "{t:?}");
    assert!(find(&t, "affirmation").is_some(), "{t:?}");
    assert!(find(&t, "affirmer").is_none(), "{t:?}");
    assert!(find(&t, "manger").is_none(), "{t:?}");
}

#[test]
fn a_noun_counts_with_its_relational_adjectives() {
    // Twice `commerce` in some 3,600 words is not markedly more than
    // general French; with `commercial` six times the family is, one
    // candidate with the adjective's spellings among its variants.
    let filler = "Il a dit que nous le verrons bien demain. ".repeat(400);
    let alone = format!("Le commerce croît. Le commerce baisse.\n{filler}\n");
    let t = rows(&tmkit(&["terms"], Some(alone.as_bytes())).stdout);
    assert!(find(&t, "commerce").is_none(), "{t:?}");
    let family = format!(
        "Le commerce croît. Le commerce baisse. Les échanges commerciaux. Les relations \
         commerciales. Un partenaire commercial. Les routes commerciales. Le chiffre commercial. \
         Les accords commerciaux.\n{filler}\n"
    );
    let t = rows(&tmkit(&["terms"], Some(family.as_bytes())).stdout);
    let commerce = find(&t, "commerce").expect("commerce");
    assert_eq!(commerce[col(&t, "count")], "8");
    assert_eq!(
        commerce[col(&t, "variants")],
        "commerce|commercial|commerciales|commerciaux"
    );
    assert!(find(&t, "commercial").is_none(), "{t:?}");
}

#[test]
fn a_word_that_heads_a_phrase_is_a_noun_though_it_may_be_an_adjective() {
    // `directive` is a noun and the feminine of the adjective `directif`.
    let text = padded(
        "La directive a été adoptée. Les directives sont claires. La directive européenne. \
         Une directive nouvelle.",
    );
    let t = rows(&tmkit(&["terms"], Some(text.as_bytes())).stdout);
    let directive = find(&t, "directive").expect("directive");
    assert_eq!(directive[col(&t, "variants")], "directive|directives");
    assert!(find(&t, "directif").is_none(), "{t:?}");
}

#[test]
fn an_adjective_joined_by_et_or_ou_to_another_is_no_head() {
    // `morales` may be a noun (`la morale`); after `physiques ou` it is the
    // adjective of `personnes`.
    let text = padded(
        "Les personnes physiques ou morales. Les personnes physiques ou morales sont visées.",
    );
    let t = rows(&tmkit(&["terms"], Some(text.as_bytes())).stdout);
    assert!(find(&t, "personne physique").is_some(), "{t:?}");
    assert!(
        find(&t, "moral").is_none() && find(&t, "morale").is_none(),
        "{t:?}"
    );
}

#[test]
fn of_two_nouns_or_adjectives_the_first_heads_unless_french_puts_it_before_nouns() {
    // `marché`, `assemblée`, `secret` may be nouns or adjectives (or
    // participles), and so may `intérieur`, `générale`, `professionnel`;
    // `haut` is an adjective French puts before the noun.
    let text = padded(
        "Le marché intérieur. Du marché intérieur. L'assemblée générale. L'assemblée générale \
         vote. Le secret professionnel. Le secret professionnel est levé. Un haut responsable. \
         Un haut responsable parle.",
    );
    let t = rows(&tmkit(&["terms"], Some(text.as_bytes())).stdout);
    for term in [
        "marché intérieur",
        "assemblée générale",
        "secret professionnel",
    ] {
        assert!(find(&t, term).is_some(), "{term}: {t:?}");
    }
    for part in ["intérieur", "général", "professionnel", "haut responsable"] {
        assert!(find(&t, part).is_none(), "{part}: {t:?}");
    }
}

#[test]
fn a_grammatical_word_that_is_also_a_noun_is_the_noun_after_a_determiner() {
    // `personne` is a pronoun (`ne voit personne`) and a noun.
    let text = padded(
        "Une personne morale. Toute personne morale. La personne physique. La personne physique \
         est visée. Elle ne voit personne. Il ne connaît personne.",
    );
    let t = rows(&tmkit(&["terms", "--all"], Some(text.as_bytes())).stdout);
    let morale = find(&t, "personne morale").expect("personne morale");
    assert_eq!(morale[col(&t, "count")], "2");
    assert!(find(&t, "personne physique").is_some(), "{t:?}");
    // The pronoun is no noun: `personne` is only ever inside the terms.
    assert!(find(&t, "personne").is_none(), "{t:?}");
}

#[test]
fn adverbial_locutions_are_terms_with_their_preposition() {
    let text = padded(
        "Des discussions à huis clos. Une partie à huis clos. \
         Les aspects en coulisses des pourparlers. Ce qui se passe en coulisses.",
    );
    let t = rows(&tmkit(&["terms"], Some(text.as_bytes())).stdout);
    assert!(find(&t, "à huis clos").is_some(), "{t:?}");
    assert!(find(&t, "en coulisses").is_some(), "{t:?}");
    assert!(find(&t, "huis clos").is_none() && find(&t, "discussion à huis clos").is_none());
}

#[test]
fn locutions_of_level_viewpoint_and_manner_hold_no_term() {
    // `au niveau national`, `à l'échelle européenne`, `d'une manière
    // générale`, `d'un point de vue`, `la question de savoir si` work as
    // adverbs or conjunctions: their nouns and adjectives are no term;
    // `niveau de vie` outside them still is.
    let text = padded(
        "Le budget est voté au niveau national. Le budget est voté au niveau national. Le \
         budget est suivi à l'échelle européenne. Le budget est suivi à l'échelle européenne. \
         D'une manière générale, le budget monte. D'une manière générale, le budget baisse. \
         Le budget, d'un point de vue comptable, monte. Le budget, d'un point de vue \
         comptable, baisse. Reste la question de savoir si le budget monte. Reste la question \
         de savoir si le budget baisse. Le niveau de vie monte. Le niveau de vie baisse.",
    );
    let t = rows(&tmkit(&["terms", "--all"], Some(text.as_bytes())).stdout);
    absent(
        &t,
        &[
            "niveau national",
            "échelle européenne",
            "manière générale",
            "point de vue",
            "question de savoir",
        ],
    );
    present(&t, &["budget", "niveau de vie"]);
}

#[test]
fn plus_or_moins_between_an_article_and_an_adjective_is_no_noun() {
    // `le plus complet`, `les moins chers`: superlatives, no noun `plus`.
    let text = padded(
        "Le rapport le plus complet sort. Le budget le plus complet sort. Les budgets les moins \
         chers sortent. Les budgets les moins chers restent.",
    );
    let t = rows(&tmkit(&["terms", "--all"], Some(text.as_bytes())).stdout);
    absent(&t, &["plus complet", "moins cher", "plus", "moins"]);
}

#[test]
fn a_noun_made_by_a_light_verb_locution_is_no_terms_tail() {
    // `mise en commun`, like `mise en œuvre`: `programme de mise` is no term.
    let text = padded(
        "Le programme de mise en commun des données. Un programme de mise en commun des \
         moyens. Le programme de formation dure. Le programme de formation coûte.",
    );
    let t = rows(&tmkit(&["terms", "--all"], Some(text.as_bytes())).stdout);
    assert!(find(&t, "programme de mise").is_none(), "{t:?}");
    assert!(find(&t, "programme de formation").is_some(), "{t:?}");
}

#[test]
fn an_adverbial_locutions_variants_keep_its_preposition() {
    // `huis clos` alone is no form of `à huis clos`: a terminologist's
    // variants are the term's own forms.
    let text = padded(
        "Des discussions à huis clos. Une partie à huis clos. Les aspects en coulisses des \
         pourparlers. Ce qui se passe en coulisses.",
    );
    let t = rows(&tmkit(&["terms"], Some(text.as_bytes())).stdout);
    let variants = col(&t, "variants");
    for (term, forms) in [
        ("à huis clos", "à huis clos"),
        ("en coulisses", "en coulisses"),
    ] {
        let row = find(&t, term).unwrap_or_else(|| panic!("{term} missing: {t:?}"));
        assert_eq!(row[variants], forms, "{t:?}");
    }
}

#[test]
fn verbal_idioms_are_cited_by_their_infinitive_with_a_recurring_complement() {
    // `demander des comptes à` is an idiom (a term), `tenir compte de` a
    // grammatical locution (never one): `compte`, `victime` stay out.
    let text = padded(
        "Bakou demande des comptes aux responsables. Il faut demander des comptes aux responsables. \
         Moscou a demandé des comptes aux responsables locaux. \
         Ils tiennent compte des victimes. Il faut tenir compte des victimes.",
    );
    let t = rows(&tmkit(&["terms"], Some(text.as_bytes())).stdout);
    let row = find(&t, "demander des comptes aux responsables").expect("the idiom");
    assert_eq!(row[col(&t, "count")], "3");
    assert_eq!(
        row[col(&t, "variants")],
        "demande des comptes aux responsables|demander des comptes aux responsables|demandé des comptes aux responsables"
    );
    for not in [
        "demander des comptes",
        "compte",
        "tenir compte des victimes",
        "compte des victimes",
        "demander",
    ] {
        assert!(find(&t, not).is_none(), "{not}: {t:?}");
    }
    // Each complement once: the idiom alone, counted under its infinitive.
    let text = padded(
        "Ils demandent des comptes au ministre. Elle a demandé des comptes à Moscou. \
         Nous demandons des comptes.",
    );
    let t = rows(&tmkit(&["terms"], Some(text.as_bytes())).stdout);
    let row = find(&t, "demander des comptes").expect("the idiom alone");
    assert_eq!(row[col(&t, "count")], "3");
    assert!(
        find(&t, "demander des comptes au ministre").is_none(),
        "{t:?}"
    );
}

#[test]
fn a_phrase_with_a_definite_complement_is_a_term_only_where_it_recurs_as_a_unit() {
    // `lutte` is nearly always `lutte contre la corruption`; `rapport` and
    // `Commission` occur mostly apart from `rapport de la Commission`.
    let text = padded(
        "La lutte contre la corruption avance. Une lutte contre la corruption. La lutte contre \
         la corruption encore. Le rapport de la Commission. Un rapport de la Commission. Un \
         rapport annuel. Le rapport final. Le rapport suivant. La Commission décide. La \
         Commission vote. La Commission parle. La corruption recule.",
    );
    let t = rows(&tmkit(&["terms"], Some(text.as_bytes())).stdout);
    assert!(find(&t, "lutte contre la corruption").is_some(), "{t:?}");
    assert!(find(&t, "rapport de la Commission").is_none(), "{t:?}");
    // The long tail keeps it.
    let all = rows(&tmkit(&["terms", "--all"], Some(text.as_bytes())).stdout);
    assert!(find(&all, "rapport de la Commission").is_some(), "{all:?}");
}

#[test]
fn an_adjective_of_anti_and_a_noun_agrees_in_either_number() {
    // `anticorruption` is left invariable after a plural noun; an ordinary
    // adjective still has to agree (`mesures | nationale`).
    let text = padded(
        "Les mesures anticorruption du pays. Des mesures anticorruption nouvelles. Les normes \
         antifraude changent. Les normes antifraude restent. Les mesures nationale et locale. \
         Les mesures nationale et fédérale.",
    );
    let t = rows(&tmkit(&["terms"], Some(text.as_bytes())).stdout);
    assert!(find(&t, "mesure anticorruption").is_some(), "{t:?}");
    assert!(find(&t, "norme antifraude").is_some(), "{t:?}");
    assert!(find(&t, "mesure nationale").is_none(), "{t:?}");
}

#[test]
fn non_before_an_adjective_is_part_of_it() {
    // `non gouvernementale` is one adjective of `organisation`; `non` ends
    // no term and is none, and answering `non` makes no adjective.
    let text = padded(
        "Les organisations non gouvernementales agissent. Une organisation non gouvernementale \
         parle. La responsabilité non contractuelle. Une responsabilité non contractuelle. Le \
         vote non. Le vote non.",
    );
    let t = rows(&tmkit(&["terms"], Some(text.as_bytes())).stdout);
    assert!(
        find(&t, "organisation non gouvernementale").is_some(),
        "{t:?}"
    );
    assert!(
        find(&t, "responsabilité non contractuelle").is_some(),
        "{t:?}"
    );
    let all = rows(&tmkit(&["terms", "--all"], Some(text.as_bytes())).stdout);
    for none in ["organisation non", "non", "vote non"] {
        assert!(find(&all, none).is_none(), "{none}: {all:?}");
    }
}

#[test]
fn a_participle_that_governs_a_complement_ends_no_term() {
    // `visée à`, `concernée par`: the participle is a verb's, with its
    // complement; `compétente` is an adjective whatever follows it.
    let text = padded(
        "Une infraction visée à l'article 3. Les infractions visées à l'article 4. La personne \
         concernée par la mesure. Les personnes concernées par la mesure. L'autorité compétente \
         en la matière. Les autorités compétentes du pays.",
    );
    let t = rows(&tmkit(&["terms"], Some(text.as_bytes())).stdout);
    assert!(find(&t, "autorité compétente").is_some(), "{t:?}");
    assert!(find(&t, "infraction visée").is_none(), "{t:?}");
    assert!(find(&t, "personne concernée").is_none(), "{t:?}");
}

#[test]
fn no_term_runs_on_through_a_participles_complement() {
    // `soumise à`, `fondée sur`, `tenues pour`: the complement is the
    // participle's (a reduced relative clause), so neither the longer
    // phrase nor the phrase ending on the participle is a term; a noun's
    // own complement still is (`impôt sur le revenu`).
    let text = padded(
        "La société soumise à la taxe paie. Les sociétés soumises à la taxe paient. Une décision \
         fondée sur le règlement. Les décisions fondées sur le règlement. Les entreprises tenues \
         pour responsables. Une entreprise tenue pour responsable. L'impôt sur le revenu monte. \
         L'impôt sur le revenu baisse.",
    );
    let all = rows(&tmkit(&["terms", "--all"], Some(text.as_bytes())).stdout);
    for dropped in [
        "société soumise à la taxe",
        "décision fondée sur le règlement",
        "entreprise tenue pour responsable",
    ] {
        assert!(find(&all, dropped).is_none(), "{dropped}: {all:?}");
    }
    let t = rows(&tmkit(&["terms"], Some(text.as_bytes())).stdout);
    absent(
        &t,
        &["société soumise", "décision fondée", "entreprise tenue"],
    );
    assert!(find(&all, "impôt sur le revenu").is_some(), "{all:?}");
}

#[test]
fn an_evaluative_adjective_makes_no_term_and_its_noun_follows_a_determiner() {
    // `particulier`, `pertinent`, `nécessaire` judge, they do not classify;
    // `particulier` after an article is the noun (a private person);
    // a classifying adjective still makes a term.
    let text = padded(
        "Une attention particulière au budget. Une attention particulière aux comptes. Les \
         règles pertinentes du budget. La règle pertinente du budget. Les moyens nécessaires. \
         Le moyen nécessaire. Les particuliers paient. Un particulier paie. Le contrôle \
         budgétaire. Un contrôle budgétaire. Des règles claires. Une règle claire.",
    );
    let t = rows(&tmkit(&["terms", "--all"], Some(text.as_bytes())).stdout);
    absent(
        &t,
        &[
            "attention particulière",
            "règle pertinente",
            "moyen nécessaire",
            "règle claire",
            "pertinent",
            "nécessaire",
        ],
    );
    present(&t, &["particulier", "contrôle budgétaire"]);
}

#[test]
fn a_word_mostly_followed_by_a_number_labels_parts_of_a_text_and_is_no_term() {
    // `chapitre 2`, `chapitre 5`: the label of a numbered part, a
    // reference; `budget` followed by a year once in three is a term.
    let text = padded(
        "Le chapitre 2 le dit. Le chapitre 5 le redit. Le chapitre 7 le contredit. Le chapitre \
         suivant conclut. Le budget 2024 monte. Le budget baisse. Le budget dure.",
    );
    let t = rows(&tmkit(&["terms"], Some(text.as_bytes())).stdout);
    assert!(find(&t, "chapitre").is_none(), "{t:?}");
    assert!(find(&t, "budget").is_some(), "{t:?}");
}

#[test]
fn an_unknown_compound_in_the_plural_is_no_variant_of_its_last_part() {
    // `auto‑évaluations` with a non-breaking hyphen, which the lexicon
    // does not spell so, is the plural of `auto‑évaluation`, another word
    // than `évaluation`.
    let text = padded(
        "Les auto\u{2011}évaluations coûtent. Une auto\u{2011}évaluation coûte. L'évaluation \
         coûte. Les évaluations coûtent.",
    );
    let t = rows(&tmkit(&["terms", "--all"], Some(text.as_bytes())).stdout);
    let variants = col(&t, "variants");
    let plain = find(&t, "évaluation").unwrap_or_else(|| panic!("{t:?}"));
    assert_eq!(plain[variants], "évaluation|évaluations", "{t:?}");
    let compound = find(&t, "auto\u{2011}évaluation").unwrap_or_else(|| panic!("{t:?}"));
    assert_eq!(
        compound[variants], "auto\u{2011}évaluation|auto\u{2011}évaluations",
        "{t:?}"
    );
}

#[test]
fn a_noun_invariable_in_number_is_its_own_singular() {
    // `fonds` (money set aside) is not the plural of `fond`, nor `frais`
    // (costs) of `frai`, though the lexicon reads both so too.
    let text = padded(
        "Les fonds publics manquent. Des fonds publics ont été votés. Les frais bancaires \
         montent. Les frais bancaires baissent.",
    );
    let t = rows(&tmkit(&["terms", "--all"], Some(text.as_bytes())).stdout);
    let variants = col(&t, "variants");
    let fonds = find(&t, "fonds public").unwrap_or_else(|| panic!("{t:?}"));
    assert_eq!(fonds[variants], "fonds publics", "{t:?}");
    assert!(find(&t, "frais bancaire").is_some(), "{t:?}");
    assert!(find(&t, "fond public").is_none(), "{t:?}");
}

#[test]
fn a_capital_the_text_gives_a_noun_mid_sentence_stays_in_its_singular() {
    // `État` (the State) is capitalised as a word, not as a sentence's
    // first letter: its singular keeps the capital.
    let text = padded(
        "Tous les États membres ont voté. Deux États membres ont signé. Chaque État membre \
         a voté.",
    );
    let t = rows(&tmkit(&["terms", "--all"], Some(text.as_bytes())).stdout);
    let etat = find(&t, "État membre").unwrap_or_else(|| panic!("{t:?}"));
    assert_eq!(
        etat[col(&t, "variants")],
        "États membres|État membre",
        "{t:?}"
    );
    assert!(find(&t, "état membre").is_none(), "{t:?}");
}

#[test]
fn a_masculine_singular_before_a_vowel_takes_its_elided_form() {
    // `nouveaux États membres` cites as `nouvel État membre`, and groups
    // with it (the vowel or mute h that elides is a unit test's).
    let text = padded("Les nouveaux États membres ont voté. Un nouvel État membre a signé.");
    let t = rows(&tmkit(&["terms", "--all"], Some(text.as_bytes())).stdout);
    let etat = find(&t, "nouvel État membre").unwrap_or_else(|| panic!("{t:?}"));
    assert_eq!(
        etat[col(&t, "variants")],
        "nouveaux États membres|nouvel État membre",
        "{t:?}"
    );
}

#[test]
fn a_place_adjective_seen_only_inside_one_term_is_part_of_it() {
    // `italien` only ever in `présidence italienne`: part of that term, as
    // a noun seen only inside one is; `russe` with several nouns stands on
    // its own.
    let text = padded(
        "La présidence italienne commence. La présidence italienne finit. La présidence \
         italienne dure. Le budget russe monte. Le ministre russe parle. La presse russe écrit. \
         Le budget russe baisse.",
    );
    let t = rows(&tmkit(&["terms"], Some(text.as_bytes())).stdout);
    assert!(find(&t, "présidence italienne").is_some(), "{t:?}");
    assert!(find(&t, "italien").is_none(), "{t:?}");
    assert!(find(&t, "russe").is_some(), "{t:?}");
}

#[test]
fn an_adjective_that_points_to_the_context_or_an_auxiliarys_participle_ends_no_term() {
    // `concerné`, `existant`, `actuel` say which one the text or the moment
    // means, not what kind of thing it is; `ayant` and `étant` are
    // auxiliaries. Classifying adjectives still make terms.
    let text = padded(
        "La personne concernée a signé. Les personnes concernées ont signé. Les structures \
         existantes restent. Une structure existante change. La situation actuelle dure. La \
         situation actuelle change. Un organisme ayant son siège ici. Un organisme ayant un \
         mandat. Un organisme étant seul. Un organisme étant public. Une personne morale. \
         Les personnes morales. Une structure administrative. La structure administrative.",
    );
    let t = rows(&tmkit(&["terms", "--all"], Some(text.as_bytes())).stdout);
    absent(
        &t,
        &[
            "personne concernée",
            "structure existante",
            "situation actuelle",
            "organisme ayant",
            "organisme étant",
        ],
    );
    present(&t, &["personne morale", "structure administrative"]);
}

#[test]
fn a_capitalised_common_noun_is_a_name_where_it_recurs_and_an_adverb_is_none() {
    // Mid-sentence capitals mark names, but a common noun capitalised once
    // is as likely a heading's or a title's (`Article premier Définitions`);
    // an adverb after a list's mark is no name at all.
    let text = padded(
        "La Commission décide. La Commission vote. Voir les Définitions. (1) \
         Parallèlement, le corridor avance. Le corridor aussi. Le Kazakhstan signe.",
    );
    let t = rows(&tmkit(&["terms"], Some(text.as_bytes())).stdout);
    assert!(find(&t, "Commission").is_some(), "{t:?}");
    assert!(find(&t, "Kazakhstan").is_some(), "{t:?}");
    assert!(find(&t, "Définitions").is_none(), "{t:?}");
    // It needs the minimum count, as a phrase headed by one does.
    let once = ["terms", "--all", "--min-count", "1"];
    let all = rows(&tmkit(&once, Some(text.as_bytes())).stdout);
    assert!(find(&all, "Définitions").is_some(), "{all:?}");
    assert!(find(&all, "Parallèlement").is_none(), "{all:?}");
}

#[test]
fn a_word_joined_by_a_slash_to_a_number_is_part_of_a_reference() {
    // `2008/40/JAI`, `BCE/2004/11`: references, whose parts make no name
    // (`JAI du Conseil`) and no term (`décision BCE`); the same words
    // elsewhere still count.
    let text = padded(
        "La décision 2008/40/JAI du Conseil. La décision 2008/41/JAI du Conseil. La décision \
         BCE/2004/11 du Conseil. La décision BCE/2004/12 du Conseil. La BCE publie. La BCE \
         répond. Le Conseil décide. Le Conseil vote.",
    );
    let t = rows(&tmkit(&["terms", "--all"], Some(text.as_bytes())).stdout);
    absent(&t, &["JAI", "JAI du Conseil", "décision BCE"]);
    let bce = find(&t, "BCE").expect("BCE");
    assert_eq!(bce[col(&t, "count")], "2");
    assert!(find(&t, "Conseil").is_some(), "{t:?}");
}

#[test]
fn ordinals_numberings_and_footnote_calls_are_no_codes() {
    // `30e`, `1er`, `504bis` are numbers; `corruption15` is a word and the
    // call of its footnote; codes stay codes.
    let text = padded(
        "Le 30e instrument. Le 1er mars. Les articles 504bis et 504ter. La loi sur la \
         corruption15 est votée. Le Bureau1 décide. Le HR5632 et le Pantsir-S1 et le G20.",
    );
    let t = rows(
        &tmkit(
            &["terms", "--all", "--min-count", "1"],
            Some(text.as_bytes()),
        )
        .stdout,
    );
    absent(
        &t,
        &[
            "30e",
            "1er",
            "504bis",
            "article 504bis",
            "corruption15",
            "Bureau1",
        ],
    );
    for code in ["HR5632", "Pantsir-S1", "G20"] {
        let row = find(&t, code).unwrap_or_else(|| panic!("{code} missing: {t:?}"));
        assert_eq!(row[col(&t, "type")], "code", "{code}");
    }
}

#[test]
fn a_subject_and_its_verb_are_no_term() {
    // `invite` and `estime` may be nouns, but before an article or `que`
    // after a noun they are its verb; an adjective that may be a verb form
    // (`politiques`) is still an adjective.
    let text = padded(
        "La Commission invite les États à agir. La Commission invite les pays. La Commission \
         estime que tout va bien. La Commission estime que rien ne change. Les scandales \
         politiques les plus graves. Un scandale politique. Le traité instituant la Cour. Le \
         traité instituant la Communauté. La partie contractante signe. Une partie contractante.",
    );
    let t = rows(&tmkit(&["terms"], Some(text.as_bytes())).stdout);
    assert!(find(&t, "Commission invite").is_none(), "{t:?}");
    assert!(find(&t, "Commission estime").is_none(), "{t:?}");
    assert!(find(&t, "scandale politique").is_some(), "{t:?}");
    // So is a present participle before its object.
    assert!(find(&t, "traité instituant").is_none(), "{t:?}");
    assert!(find(&t, "partie contractante").is_some(), "{t:?}");
    let all = rows(&tmkit(&["terms", "--all"], Some(text.as_bytes())).stdout);
    assert!(find(&all, "Commission invite").is_some(), "{all:?}");
}

#[test]
fn a_phrase_cut_off_from_its_complements_adjective_is_no_term() {
    // `des Nations` is always `des Nations unies` (whose participle ends no
    // term); a bare complement classifies and keeps its own adjective
    // apart (`droit de vote | limité`).
    let text = padded(
        "La convention des Nations unies est signée. Une convention des Nations unies. La \
         convention des Nations unies encore. Un droit de vote limité. Le droit de vote limité. \
         Un droit de vote.",
    );
    let t = rows(&tmkit(&["terms"], Some(text.as_bytes())).stdout);
    assert!(find(&t, "convention des Nations").is_none(), "{t:?}");
    assert!(find(&t, "droit de vote").is_some(), "{t:?}");
    let all = rows(&tmkit(&["terms", "--all"], Some(text.as_bytes())).stdout);
    assert!(find(&all, "convention des Nations").is_some(), "{all:?}");
}

#[test]
fn an_indefinite_article_after_de_groups_with_the_bare_phrase() {
    let text = "Crash d’un avion à Aktaou. Le crash d’avion de décembre.\n";
    let t = rows(&tmkit(&["terms"], Some(text.as_bytes())).stdout);
    let row = find(&t, "crash d’avion").expect("crash d’avion");
    assert_eq!(row[col(&t, "count")], "2");
    assert_eq!(row[col(&t, "variants")], "Crash d’un avion|crash d’avion");
}

#[test]
fn an_indefinite_article_left_out_before_a_consonant_leaves_de() {
    // `d’` was elided before `un`, not before `programme`: the bare phrase
    // is `développement de programme`, as the text writes it elsewhere.
    let text = "Le développement d’un programme coûte. Le développement de programme dure.\n";
    let t = rows(&tmkit(&["terms"], Some(text.as_bytes())).stdout);
    let row = find(&t, "développement de programme").unwrap_or_else(|| panic!("{t:?}"));
    assert_eq!(row[col(&t, "count")], "2");
    assert_eq!(
        row[col(&t, "variants")],
        "développement de programme|développement d’un programme"
    );
}

#[test]
fn an_indefinite_article_left_out_before_an_aspirated_h_leaves_de() {
    // An aspirated h elides nothing (`le hangar`): `d’un hangar` without
    // its article is `de hangar`, as before a consonant.
    let text = "La location d’un hangar coûte. La location de hangar dure.\n";
    let t = rows(&tmkit(&["terms"], Some(text.as_bytes())).stdout);
    let row = find(&t, "location de hangar").unwrap_or_else(|| panic!("{t:?}"));
    assert_eq!(row[col(&t, "count")], "2");
}

#[test]
fn parts_only_seen_inside_kept_candidates_are_not_candidates() {
    // `ligne` is in `avion de ligne` and `ligne ferroviaire`, never alone;
    // `PEACE` in `PEACE Act` and `loi PEACE`.
    let text = padded(
        "Un avion de ligne. Deux avions de ligne. La ligne ferroviaire. Une ligne ferroviaire. \
         Le PEACE Act est voté. La loi PEACE. Le PEACE Act encore. La loi PEACE encore.",
    );
    let t = rows(&tmkit(&["terms"], Some(text.as_bytes())).stdout);
    present(
        &t,
        &[
            "avion de ligne",
            "ligne ferroviaire",
            "PEACE Act",
            "loi PEACE",
        ],
    );
    assert!(
        find(&t, "ligne").is_none() && find(&t, "PEACE").is_none(),
        "{t:?}"
    );
}

#[test]
fn a_noun_that_heads_two_kept_terms_is_a_term_of_its_own() {
    // `amortissement` is never alone, but heads two terms: the generic
    // term they specify. `provision` heads only one: a part of it.
    let text = padded(
        "L'amortissement dégressif est permis. Un amortissement dégressif. \
         L'amortissement linéaire est la règle. Un amortissement linéaire. \
         La provision comptable est dotée. Une provision comptable.",
    );
    let t = rows(&tmkit(&["terms"], Some(text.as_bytes())).stdout);
    present(
        &t,
        &[
            "amortissement dégressif",
            "amortissement linéaire",
            "provision comptable",
            "amortissement",
        ],
    );
    assert!(find(&t, "provision").is_none(), "{t:?}");
}

#[test]
fn a_lone_adjective_of_a_place_stands_alone() {
    let text = padded(
        "La sécurité énergétique russe. La politique énergétique russe. \
         Le marché énergétique azerbaïdjanais. Le réseau énergétique azerbaïdjanais.",
    );
    let t = rows(&tmkit(&["terms"], Some(text.as_bytes())).stdout);
    assert!(find(&t, "russe").is_some() && find(&t, "azerbaïdjanais").is_some());
    assert!(find(&t, "énergétique").is_none(), "{t:?}");
}

#[test]
fn a_relational_adjective_that_classifies_two_kept_terms_stands_alone() {
    // `fiscal` forms `droit fiscal` and `contrôle fiscal`: a domain of the
    // text. `énergétique` forms one term only: a part of it.
    let text = padded(
        "Le droit fiscal change. Un droit fiscal clair. Le contrôle fiscal commence. \
         Un contrôle fiscal strict. La sécurité énergétique compte. Une sécurité énergétique.",
    );
    let t = rows(&tmkit(&["terms"], Some(text.as_bytes())).stdout);
    present(
        &t,
        &[
            "droit fiscal",
            "contrôle fiscal",
            "sécurité énergétique",
            "fiscal",
        ],
    );
    assert!(find(&t, "énergétique").is_none(), "{t:?}");
}

#[test]
fn a_classifying_adjective_counts_its_phrases_whatever_their_agreement() {
    // `fraude fiscale` and `paradis fiscaux` are two terms for `fiscal`.
    let text = padded(
        "La fraude fiscale progresse. Une fraude fiscale. Les paradis fiscaux ferment. \
         Des paradis fiscaux.",
    );
    let t = rows(&tmkit(&["terms"], Some(text.as_bytes())).stdout);
    present(&t, &["fraude fiscale", "paradis fiscal", "fiscal"]);
}

#[test]
fn the_noun_of_a_classifying_adjective_is_the_domains_term() {
    // In some 6,400 words, twice `commerce` is not markedly more than
    // general French, even with its adjective's four; but `commercial`
    // classifies two kept terms, and `commerce` names their domain.
    let filler = "Il a dit que nous le verrons bien demain. ".repeat(800);
    let text = format!(
        "Le commerce croît. Le commerce baisse. La politique commerciale change. Une politique \
         commerciale claire. Les relations commerciales reprennent. Des relations \
         commerciales.\n{filler}\n"
    );
    let t = rows(&tmkit(&["terms"], Some(text.as_bytes())).stdout);
    present(
        &t,
        &[
            "politique commerciale",
            "relation commerciale",
            "commercial",
            "commerce",
        ],
    );
    let alone = format!("Le commerce croît. Le commerce baisse.\n{filler}\n");
    let t = rows(&tmkit(&["terms"], Some(alone.as_bytes())).stdout);
    assert!(find(&t, "commerce").is_none(), "{t:?}");
}

#[test]
fn a_noun_and_a_classifying_adjective_are_a_term_from_one_occurrence() {
    // `fiscal` classifies two kept terms: `redressement fiscal`, seen
    // once, is a term of the same field. `énergétique` classifies none:
    // `crise énergétique` once is not yet one; nor is a longer phrase
    // seen once with `fiscal`.
    let text = padded(
        "Le droit fiscal change. Un droit fiscal clair. Le contrôle fiscal commence. \
         Un contrôle fiscal strict. Un redressement fiscal suit. Une crise énergétique. \
         Une sécurité énergétique. Une sécurité énergétique. Le régime fiscal dérogatoire.",
    );
    let t = rows(&tmkit(&["terms"], Some(text.as_bytes())).stdout);
    assert!(find(&t, "redressement fiscal").is_some(), "{t:?}");
    assert!(find(&t, "crise énergétique").is_none(), "{t:?}");
    assert!(find(&t, "régime fiscal dérogatoire").is_none(), "{t:?}");
    // The long tail holds the default list.
    let all = rows(&tmkit(&["terms", "--all"], Some(text.as_bytes())).stdout);
    assert!(find(&all, "redressement fiscal").is_some(), "{all:?}");
    let strict = rows(&tmkit(&["terms", "--min-count", "3"], Some(text.as_bytes())).stdout);
    assert!(find(&strict, "redressement fiscal").is_none(), "{strict:?}");
}

#[test]
fn names_have_their_edges_and_acronyms_their_expansions_in_either_order() {
    let text = "Électricité de France (EDF) a signé. L'ANSM, l'Agence nationale de sécurité du médicament, a parlé. \
        Mme Marie-Claire Dupont-Aignan est venue. La présidente du Parlement Sahiba Gafarova parle à Charm el-Cheikh.\n";
    let t = candidates(&["terms", "--min-count", "1"], text);
    let expansion = col(&t, "expansion");
    assert_eq!(find(&t, "EDF").unwrap()[expansion], "Électricité de France");
    assert_eq!(
        find(&t, "ANSM").unwrap()[expansion],
        "Agence nationale de sécurité du médicament"
    );
    // The expansion is the acronym's, not a candidate of its own.
    assert!(find(&t, "Électricité de France").is_none());
    for name in [
        "Marie-Claire Dupont-Aignan",
        "Sahiba Gafarova",
        "Charm el-Cheikh",
    ] {
        assert!(find(&t, name).is_some(), "{name} missing: {t:?}");
    }
    assert!(
        !t.iter()
            .any(|r| r[0].starts_with("Mme") || r[0].contains("Parlement Sahiba"))
    );
}

#[test]
fn a_name_takes_the_lower_case_adjectives_of_its_last_capitalised_noun() {
    // French capitalises an institution's first noun, not its adjectives:
    // they are the name's all the same. A participle may govern its own
    // complement (`réunis à`).
    // Each name stands alone, so that no longer phrase holds its only
    // occurrence (`rapport du Bureau…` would, at `--min-count 1`).
    let text = "Le Bureau des Affaires maritimes a publié son rapport. \
        Au Conseil des Régions réunis à Lyon, les ministres votent.\n";
    let t = candidates(&["terms", "--min-count", "1"], text);
    assert!(find(&t, "Bureau des Affaires maritimes").is_some(), "{t:?}");
    assert!(find(&t, "Bureau des Affaires").is_none(), "{t:?}");
    assert!(find(&t, "Conseil des Régions").is_some(), "{t:?}");
    assert!(!t.iter().any(|r| r[0].contains("Régions réunis")), "{t:?}");
}

#[test]
fn an_unknown_last_word_ends_a_name_and_a_first_name_with_a_surname_starts_one() {
    // After a capitalised common noun, a first name followed by a surname
    // is a person (`Fondation | Amira Benali`); a word the lexicon lacks,
    // last, is the name's own (`Initiative Citoyenne Kortrijk`).
    let text = "Le groupe Initiative Citoyenne Kortrijk a écrit au directeur de la Fondation Amira Benali.\n";
    let t = candidates(&["terms", "--min-count", "1"], text);
    assert!(find(&t, "Initiative Citoyenne Kortrijk").is_some(), "{t:?}");
    assert!(find(&t, "Kortrijk").is_none(), "{t:?}");
    assert!(find(&t, "Amira Benali").is_some(), "{t:?}");
    assert!(!t.iter().any(|r| r[0].contains("Fondation Amira")), "{t:?}");
}

#[test]
fn an_english_title_is_one_name_with_its_function_words() {
    // English writes a title's function words in lower case between its
    // capitalised words: the title is one name, and no piece of it is one.
    // A title longer than a name may be is no name at all.
    let text = "La brochure Safe Water is Good Health est lue. \
        Le code Rules of Conduct for Small Traders and Clean Markets est long.\n";
    let t = candidates(&["terms", "--min-count", "1"], text);
    assert!(find(&t, "Safe Water is Good Health").is_some(), "{t:?}");
    for piece in [
        "Safe Water",
        "Good Health",
        "Rules",
        "Conduct",
        "Small Traders",
        "Clean Markets",
        "and",
    ] {
        assert!(find(&t, piece).is_none(), "{piece}: {t:?}");
    }
}

#[test]
fn a_spaced_dash_separates_names() {
    // A dash between spaces is punctuation (an aside, a list's separator),
    // not a hyphen joining a name's parts.
    let text = "Le modèle Saving Water – ABC est cité.\n";
    let t = candidates(&["terms", "--min-count", "1"], text);
    assert!(find(&t, "Saving Water").is_some(), "{t:?}");
    assert!(find(&t, "ABC").is_some(), "{t:?}");
    assert!(!t.iter().any(|r| r[0].contains("Water –")), "{t:?}");
}

#[test]
fn a_title_of_office_is_no_name_though_capitalised() {
    // French capitalises a title standing for its holder out of courtesy:
    // it is still a title, beside the holder's name and not in it.
    let text = "Le Président Martin Lemoine a reçu la Ministre. Le Président parle.\n";
    let t = candidates(&["terms", "--min-count", "1"], text);
    let kind = col(&t, "type");
    assert_eq!(find(&t, "Martin Lemoine").unwrap()[kind], "name", "{t:?}");
    assert!(
        !t.iter()
            .any(|r| r[kind] == "name" && r[0].contains("Président")),
        "{t:?}"
    );
    assert!(
        !t.iter()
            .any(|r| r[kind] == "name" && r[0].contains("Ministre")),
        "{t:?}"
    );
}

#[test]
fn a_two_word_heading_in_capitals_is_words_not_acronyms() {
    // A line all in capitals with a French word in it is a heading; beside
    // lower case, or made of a person's name, capitals stay as written.
    let text = "POINTS CLÉS\nLe GRECO et l'OLAF coopèrent.\nMARC DUPONTEL\n";
    let t = candidates(&["terms", "--min-count", "1"], text);
    let kind = col(&t, "type");
    assert!(
        !t.iter()
            .any(|r| r[kind] == "acronym" && r[0].contains("CLÉS")),
        "{t:?}"
    );
    assert!(find(&t, "point clé").is_some(), "{t:?}");
    assert_eq!(find(&t, "GRECO").unwrap()[kind], "acronym", "{t:?}");
    assert_eq!(find(&t, "OLAF").unwrap()[kind], "acronym", "{t:?}");
    assert!(find(&t, "MARC DUPONTEL").is_some(), "{t:?}");
}

#[test]
fn a_capitalised_nouns_participle_is_its_names_adjective() {
    // A participle ends no common term, but French writes a name's
    // adjective in lower case after its capitalised noun, participle or
    // not (`Nations unies`).
    let text = "Le traité des Provinces unies est signé. Les Provinces unies votent.\n";
    let t = candidates(&["terms", "--min-count", "1"], text);
    let variants = col(&t, "variants");
    assert!(
        t.iter()
            .any(|r| r[variants].split('|').any(|v| v == "Provinces unies")),
        "{t:?}"
    );
}

#[test]
fn a_capital_after_a_lists_mark_starts_the_item_and_marks_no_name() {
    // `a)`, `2)` open a list's item: its first word's capital is the
    // item's, as a sentence's first word's is.
    let text = "Les mesures suivantes :\na) Ratification des accords par les Parties.\n\
        b) Ratification des accords par les Parties.\n";
    let t = candidates(&["terms", "--min-count", "1"], text);
    let kind = col(&t, "type");
    assert!(
        !t.iter()
            .any(|r| r[kind] == "name" && r[0].contains("Ratification")),
        "{t:?}"
    );
    assert!(find(&t, "ratification des accords").is_some(), "{t:?}");
}

#[test]
fn a_phrase_headed_by_a_capitalised_noun_is_an_institutions_name_from_one_occurrence() {
    // French capitalises an institution's first noun only: the phrase it
    // heads, complements joined by `de`, is a name, kept when seen once. A
    // verb (`la Commission estime`) or another name (`Chambre des métiers
    // du Rhône`) ends no such name.
    let text = "Selon l'Observatoire national de la biodiversité, les données manquent. \
        La Commission estime que le texte est clair. \
        Le budget de la Chambre des métiers du Rhône est voté.\n";
    let t = candidates(&["terms"], text);
    assert!(
        find(&t, "Observatoire national de la biodiversité").is_some(),
        "{t:?}"
    );
    assert!(!t.iter().any(|r| r[0].contains("estime")), "{t:?}");
    assert!(!t.iter().any(|r| r[0].contains("Chambre")), "{t:?}");
}

#[test]
fn an_article_capitalised_mid_sentence_is_part_of_the_name() {
    // French writes a place's article in lower case (`en France`, `la
    // commission`) unless the article is the name's (`La Haye`).
    let text = "Les juges siègent à La Haye depuis longtemps. La commission siège en France.\n";
    let t = candidates(&["terms", "--min-count", "1"], text);
    assert!(find(&t, "La Haye").is_some(), "{t:?}");
    assert!(find(&t, "Haye").is_none(), "{t:?}");
    assert!(find(&t, "France").is_some(), "{t:?}");
    assert!(
        !t.iter()
            .any(|r| r[0] == "La" || r[0].starts_with("La commission")),
        "{t:?}"
    );
}

#[test]
fn an_acronyms_expansion_may_join_its_parts_with_et_and_elided_links() {
    // Names coordinate their parts (`et`, `ou`) and elide their links
    // (`d'`, `l'`): neither gives the acronym a letter.
    let text = "Le CSRE (Conseil supérieur de la recherche et de l'enseignement) publie.\n\
        L'Agence pour l'emploi et la formation (APEF) recrute.\n";
    let t = candidates(&["terms", "--min-count", "1"], text);
    let expansion = col(&t, "expansion");
    assert_eq!(
        find(&t, "CSRE").unwrap()[expansion],
        "Conseil supérieur de la recherche et de l'enseignement"
    );
    assert_eq!(
        find(&t, "APEF").unwrap()[expansion],
        "Agence pour l'emploi et la formation"
    );
}

#[test]
fn a_first_noun_right_before_capitalised_words_is_the_names_first() {
    // A sentence's first capital says nothing, but a noun there directly
    // before capitalised words starts their name.
    let text = "Office Régional Wallon\nLe rapport est paru.\n";
    let t = candidates(&["terms", "--min-count", "1"], text);
    assert!(find(&t, "Office Régional Wallon").is_some(), "{t:?}");
    assert!(find(&t, "Régional Wallon").is_none(), "{t:?}");
}

#[test]
fn an_entry_the_glossary_accepts_is_a_term_wherever_it_occurs() {
    // `enquête` once in a long text is no term on the text's own evidence;
    // the reviewer has accepted it, so with the glossary it is listed.
    let dir = tempfile::tempdir().unwrap();
    let glossary = dir.path().join("g.csv");
    std::fs::write(
        &glossary,
        "fr-FR,en-GB,id,status\nenquête,investigation,enquete,approved\nannée,year,annee,rejected\n",
    )
    .unwrap();
    let text = padded("L'enquête a commencé cette année. Une année.");
    let t = rows(&tmkit(&["terms"], Some(text.as_bytes())).stdout);
    assert!(find(&t, "enquête").is_none(), "{t:?}");
    let o = tmkit(
        &["terms", "--glossary", glossary.to_str().unwrap()],
        Some(text.as_bytes()),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let t = rows(&o.stdout);
    let enquete = find(&t, "enquête").expect("enquête");
    assert_eq!(enquete[col(&t, "en-GB")], "investigation");
    assert!(find(&t, "année").is_none(), "{t:?}");
}

#[test]
fn a_candidate_the_glossary_rejects_is_not_proposed_again() {
    let dir = tempfile::tempdir().unwrap();
    let glossary = dir.path().join("g.csv");
    std::fs::write(
        &glossary,
        "fr-FR,en-GB,id,status\ncorridor,,corridor,rejected\n",
    )
    .unwrap();
    let text = "Le corridor et la corruption. Le corridor et la corruption.\n";
    let o = tmkit(
        &["terms", "--all", "--glossary", glossary.to_str().unwrap()],
        Some(text.as_bytes()),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let t = rows(&o.stdout);
    assert!(find(&t, "corridor").is_none());
    assert!(find(&t, "corruption").is_some());
}

#[test]
fn variants_group_under_the_singular_with_counts_and_a_context() {
    let o = tmkit(
        &["terms", data("terms/variants.fr.txt").to_str().unwrap()],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let t = rows(&o.stdout);
    let avion = find(&t, "avion de ligne").expect("avion de ligne");
    assert_eq!(avion[col(&t, "count")], "3");
    assert_eq!(avion[col(&t, "variants")], "avion de ligne|avions de ligne");
    assert_eq!(
        avion[col(&t, "context")],
        "Les avions de ligne de la compagnie ont repris leurs vols vers Bakou."
    );
    assert!(avion[col(&t, "source")].ends_with("variants.fr.txt:1"));
    let cei = find(&t, "CEI").expect("CEI");
    assert_eq!(
        cei[col(&t, "expansion")],
        "Communauté des États indépendants"
    );
    assert_eq!(find(&t, "défense aérienne").unwrap()[col(&t, "count")], "2");
}

#[test]
fn terms_reads_standard_input_and_writes_jsonl() {
    let o = tmkit(
        &["terms", "--format", "jsonl"],
        Some("La défense aérienne. La défense aérienne.\n".as_bytes()),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let first: serde_json::Value =
        serde_json::from_slice(o.stdout.split(|&b| b == b'\n').next().unwrap()).unwrap();
    assert_eq!(first["fr-FR"], "défense aérienne");
    assert_eq!(first["count"], 2);
    assert_eq!(first["documents_list"][0], "<stdin>");
}

/// An acronym's expansion is found in the innermost parentheses, and a
/// run of unclosed ones (which made the search quadratic) gives nothing.
#[test]
fn acronyms_expand_in_their_own_parentheses_only() {
    let text = format!(
        "Le traité (de la Communauté des États indépendants (CEI)) est clair.\n{}\n",
        "(".repeat(20_000)
    );
    let o = tmkit(&["terms", "--min-count", "1"], Some(text.as_bytes()));
    assert!(o.status.success(), "{}", stderr(&o));
    let table = rows(&o.stdout);
    let cei = find(&table, "CEI").expect("CEI is a candidate");
    assert_eq!(
        cei[col(&table, "expansion")],
        "Communauté des États indépendants"
    );
}

#[test]
fn terms_on_invalid_utf8_names_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, b"Bonjour.\nd\xe9fense\n").unwrap();
    let o = tmkit(&["terms", bad.to_str().unwrap()], None);
    assert_fails(&o, "bad.txt:2:");
    let o = tmkit(&["terms", "missing.txt"], None);
    assert_fails(&o, "missing.txt");
}

#[test]
fn terms_with_glossary_and_tm_give_curated_and_proposed_equivalents() {
    let o = tmkit(
        &[
            "terms",
            "tests/data/workspace/seeds/fr/000_8103dfe14ac7aa7a.txt",
            "--glossary",
            "tests/data/workspace/glossary/fr-en.csv",
            "--tm",
            "tests/data/glossary/seeds.fr-en.tmx",
        ],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let t = rows(&o.stdout);
    let (en, status, evidence) = (col(&t, "en-GB"), col(&t, "status"), col(&t, "evidence"));
    let cei = find(&t, "CEI").unwrap();
    assert_eq!(
        (cei[en].as_str(), cei[status].as_str()),
        ("CIS", "approved")
    );
    assert_eq!(cei[evidence], "glossary: cei");
    // Every proposal carries the English sentence it was read from.
    let proposals: Vec<_> = t.iter().filter(|r| r[status] == "proposed").collect();
    assert!(!proposals.is_empty());
    for p in proposals {
        let sentence = p[evidence].split_once(": ").unwrap().1;
        assert!(sentence.contains(&p[en]), "{p:?}");
    }
}

#[test]
fn the_seeds_translation_agrees_with_the_glossary() {
    let o = tmkit(
        &[
            "glossary",
            "check",
            "--glossary",
            "tests/data/workspace/glossary/fr-en.csv",
            "tests/data/glossary/seeds.fr-en.tmx",
        ],
        None,
    );
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        stderr(&o)
    );
    assert!(stderr(&o).contains("104 unit(s)"), "{}", stderr(&o));
    assert!(stderr(&o).ends_with(" 0 violation(s)\n"), "{}", stderr(&o));
}

/// `tmkit glossary check` of a memory against a glossary, both under
/// `tests/data`.
fn check(glossary: &str, tm: &str) -> std::process::Output {
    let (g, tm) = (data(glossary), data(tm));
    tmkit(
        &[
            "glossary",
            "check",
            "--glossary",
            g.to_str().unwrap(),
            tm.to_str().unwrap(),
        ],
        None,
    )
}

#[test]
fn glossary_check_reports_each_violation_and_exits_1() {
    let o = check("glossary/small.csv", "glossary/violation.fr-en.csv");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout.clone()).unwrap();
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        out.contains(
            "“avions de ligne” (avion de ligne, avion-de-ligne) expects “airliner” or “airliners”"
        ),
        "{out}"
    );
    assert!(
        stderr(&o).contains("3 approved-term occurrence(s), 1 violation(s)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn glossary_check_flags_a_translation_that_uses_a_deprecated_form() {
    let o = check("glossary/deprecated.csv", "glossary/deprecated.fr-en.csv");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout.clone()).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        [
            format!(
                "{}: unit 1: “défense aérienne” (défense aérienne, defense-aerienne) uses “air defense”, a form to avoid: expects “air defence” in: The air defense fired.",
                data("glossary/deprecated.fr-en.csv").display()
            ),
            format!(
                "{}: unit 2: “Kyiv” (Kyiv, kyiv) uses “Kiev”, a form to avoid: expects “Kyiv” in: Kyiv, once spelt Kiev, answered.",
                data("glossary/deprecated.fr-en.csv").display()
            ),
            format!(
                "{}: unit 3: “libération” (libération, liberation) uses “liberation”, a form to avoid: expects “release” in: The liberation of the detainees.",
                data("glossary/deprecated.fr-en.csv").display()
            ),
        ]
    );
    // The proposed entry is checked for its deprecated form only.
    assert!(
        stderr(&o).contains("4 unit(s), 3 approved-term occurrence(s), 3 violation(s)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_broken_glossary_reports_every_problem_with_row_and_column() {
    let g = data("glossary/broken.csv");
    let o = tmkit(
        &[
            "glossary",
            "check",
            "--glossary",
            g.to_str().unwrap(),
            "tests/data/glossary/seeds.fr-en.tmx",
        ],
        None,
    );
    let err = stderr(&o);
    assert_fails(&o, "3 problem(s)");
    for p in [
        "row 2, column 5: unknown status \"approuvé\"",
        "row 3, column 1: the French term is empty",
        "row 4, column 3: id \"avion-de-ligne\" is also the id of row 2",
    ] {
        assert!(err.contains(p), "{p} not in {err}");
    }
    let o = tmkit(
        &[
            "glossary",
            "check",
            "--glossary",
            data("glossary/cp1252.csv").to_str().unwrap(),
            "tests/data/glossary/seeds.fr-en.tmx",
        ],
        None,
    );
    assert_fails(
        &o,
        "cp1252.csv: line 2, character 2: not UTF-8: byte 0xE9 is “é” in Windows-1252",
    );
}

#[test]
fn glossary_check_of_a_memory_without_french_and_english_fails() {
    let o = check("glossary/small.csv", "glossary/de-en.csv");
    assert_fails(
        &o,
        "none of its 1 unit(s) has both a French (fr…) and an English (en…) segment",
    );
}

#[test]
fn glossary_check_piped_into_head_still_fails_on_violations() {
    let dir = tempfile::tempdir().unwrap();
    let tm = dir.path().join("many.fr-en.csv");
    let mut text = String::from("fr-FR,en-GB\n");
    for i in 0..5000 {
        text.push_str(&format!(
            "Les avions de ligne nº {i} ont atterri.,The aircraft no. {i} landed.\n"
        ));
    }
    std::fs::write(&tm, text).unwrap();
    let g = data("glossary/small.csv");
    let o = tmkit_head(&[
        "glossary",
        "check",
        "--glossary",
        g.to_str().unwrap(),
        tm.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("5000 violation(s)"), "{}", stderr(&o));
}

/// A run of names longer than `--max-words` is a list, not a name: its
/// acronyms still count, no candidate is longer than the option allows,
/// and a context is the tokens around the occurrence, not the whole
/// sentence (40,000 acronyms on one line took 12 GB and the names' run
/// made the containers' search cubic).
#[test]
fn a_run_of_names_is_bounded_by_max_words_and_contexts_by_their_sentence() {
    let acronyms: Vec<String> = (0..400)
        .map(|i| {
            let l = |k: usize| char::from(b'A' + (k % 26) as u8);
            format!("{}{}{}", l(i), l(i / 26), l(i / 676 + 1))
        })
        .collect();
    let text = format!(
        "{}.\nLe Grand Prix de Monaco et Jean Dupont Martin Durand Lefebvre Moreau.\n",
        acronyms.join(" ")
    );
    for max in ["3", "5"] {
        let o = tmkit(
            &["terms", "--min-count", "1", "--max-words", max],
            Some(text.as_bytes()),
        );
        assert!(o.status.success(), "{}", stderr(&o));
        let t = rows(&o.stdout);
        let context = col(&t, "context");
        for a in &acronyms {
            let row = find(&t, a).unwrap_or_else(|| panic!("{a} missing"));
            assert!(row[context].split(' ').count() <= 101, "{}", row[context]);
            assert!(row[context].contains(a.as_str()));
        }
        let max: usize = max.parse().unwrap();
        for row in &t[1..] {
            let capitalised = row[0]
                .split(' ')
                .filter(|w| w.starts_with(char::is_uppercase))
                .count();
            assert!(capitalised <= max, "{} is longer than {max}", row[0]);
        }
    }
}

#[test]
fn a_stretch_found_as_a_name_and_as_a_phrase_counts_once() {
    // `Forum de Lisbonne` is a run of names joined by `de` and a noun phrase
    // headed by a capitalised noun: both passes find it, once in the text.
    // `Traité de Rome` twice is two; no candidate, even in the long tail,
    // counts more occurrences than the text spells it.
    let text = "Les ministres se sont réunis lors du Forum de Lisbonne en mars.\n\
        Le Traité de Rome fonde la Communauté. Le Traité de Rome est signé.\n\
        Les partis pro-européens gagnent. Les électeurs pro-européens votent.\n";
    let t = candidates(&["terms", "--min-count", "1"], text);
    let (count, documents) = (col(&t, "count"), col(&t, "documents"));
    let forum = find(&t, "Forum de Lisbonne").unwrap_or_else(|| panic!("{t:?}"));
    assert_eq!(
        (&*forum[count], &*forum[documents]),
        ("1", "1"),
        "{forum:?}"
    );
    let treaty = find(&t, "Traité de Rome").unwrap_or_else(|| panic!("{t:?}"));
    assert_eq!(treaty[count], "2", "{treaty:?}");
    let all = rows(
        &tmkit(
            &["terms", "--all", "--min-count", "1"],
            Some(text.as_bytes()),
        )
        .stdout,
    );
    for row in &all[1..] {
        let n: usize = row[count].parse().unwrap();
        let spelled = row[0].to_lowercase();
        let seen = text.to_lowercase().matches(spelled.as_str()).count();
        assert!(
            seen == 0 || n <= seen,
            "{row:?} counted {n}, {seen} in the text"
        );
    }
}

/// The candidates of `args` on `input`, each as its term, type, count and
/// documents.
fn listed(args: &[&str], input: &str) -> Vec<Vec<String>> {
    let o = tmkit(args, Some(input.as_bytes()));
    assert!(o.status.success(), "{}", stderr(&o));
    rows(&o.stdout)[1..]
        .iter()
        .map(|r| r[..4].to_vec())
        .collect()
}

#[test]
fn all_lists_every_default_candidate_with_its_count() {
    // `--all` adds the long tail and takes nothing away. A phrase whose
    // occurrences all lie inside longer ones that only the tail keeps (each
    // a free combination with a definite complement) stays with its count.
    let nesting: String = ["banque", "région", "caisse"]
        .iter()
        .map(|c| {
            format!("Le conseil de surveillance prudentielle de la {c} se réunit.\n").repeat(2)
        })
        .collect();
    let mut inputs = vec![padded(&format!(
        "{nesting}La banque ferme. La région vote. La caisse paie. La banque ouvre. \
         La région paie. La caisse ouvre. La banque vote. La région ferme."
    ))];
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["seeds/fr", "tests/data/terms"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        inputs.push(
            files
                .iter()
                .map(|p| std::fs::read_to_string(p).unwrap())
                .collect(),
        );
    }
    for input in &inputs {
        let default = listed(&["terms"], input);
        let all = listed(&["terms", "--all"], input);
        assert!(!default.is_empty());
        for row in &default {
            assert!(all.contains(row), "{row:?} is missing from --all");
        }
    }
    let nested = listed(&["terms"], &inputs[0]);
    assert!(
        nested
            .iter()
            .any(|r| r[0] == "conseil de surveillance prudentielle"),
        "{nested:?}"
    );
}
