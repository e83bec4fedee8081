"""The project's own small word lists, for what VADER and NRC don't cover.

VADER and the NRC emotion lexicon are English-only, and neither counts profanity as such.
These lists fill the gap for English and romanized Hinglish (Hindi-English code-mixed text
written in Latin script). They were written by hand for this project and are deliberately
small and high-precision: a word that is ambiguous between Hindi and English (e.g. "main",
"bas", "mat" as nouns) is only listed where the ambiguity does little harm.

Romanized Hindi has no standard spelling, so common variants are listed explicitly
("nahi", "nahin", "nhi", "nai"); elongations ("khushhh") are handled by the tokenizer side in
``lexical.py``, not here.

All entries are lowercase single tokens, as produced by ``lexical.tokenize``.
"""

from __future__ import annotations

# Negators that precede what they negate ("not happy", "never good", "nahi accha laga").
NEGATORS_PRE: frozenset[str] = frozenset(
    {
        # English (apostrophe-less spellings too, since chat text drops them)
        "not", "no", "never", "nothing", "nobody", "none", "nowhere", "neither", "nor",
        "without", "hardly", "cannot", "cant", "can't", "dont", "don't", "doesnt", "doesn't",
        "didnt", "didn't", "isnt", "isn't", "wasnt", "wasn't", "arent", "aren't", "werent",
        "weren't", "wont", "won't", "wouldnt", "wouldn't", "shouldnt", "shouldn't",
        "couldnt", "couldn't", "aint", "ain't", "havent", "haven't", "hasnt", "hasn't",
        "hadnt", "hadn't", "neva",
        # Hinglish
        "nahi", "nahin", "nhi", "nai", "nahii", "mat",
    }
)  # fmt: skip

# Hindi is verb-final, so negation usually FOLLOWS the affect word: "main khush nahi hoon"
# (I am not happy), "accha nahi laga". Only unambiguous negators are listed: "na" is left out
# because it is mostly a tag particle ("accha hai na?").
NEGATORS_POST: frozenset[str] = frozenset({"nahi", "nahin", "nhi", "nai", "nahii"})

NEGATORS: frozenset[str] = NEGATORS_PRE | NEGATORS_POST

INTENSIFIERS: frozenset[str] = frozenset(
    {
        # English
        "very", "so", "really", "extremely", "totally", "too", "super", "absolutely",
        "completely", "incredibly", "awfully", "terribly", "utterly", "truly", "highly",
        "deeply", "seriously", "insanely", "hella", "mega", "fully", "literally",
        "damn", "freaking", "frickin", "soo", "sooo", "realy", "rly",
        # Hinglish
        "bahut", "bohot", "bahot", "bohat", "bhot", "bht", "boht", "kaafi", "kafi", "bilkul",
        "ekdum", "ekdam", "itna", "itni", "itne", "zyada", "jyada", "jada", "sabse", "behad",
        "atyant", "poora", "pura", "puri", "poori", "hadd", "mahaan",
    }
)  # fmt: skip

DIMINISHERS: frozenset[str] = frozenset(
    {
        # English
        "slightly", "somewhat", "kinda", "kindof", "sorta", "bit", "little", "barely",
        "marginally", "partly", "fairly", "mildly", "almost", "scarcely", "occasionally",
        "meh",
        # Hinglish
        "thoda", "thodi", "thode", "thora", "thori", "halka", "halki", "zara", "jara", "kam",
    }
)  # fmt: skip

# Exact profane tokens. Only unambiguous ones: e.g. "sala" is also a word in other
# languages, but in this corpus it is overwhelmingly the Hindi insult.
PROFANITY: frozenset[str] = frozenset(
    {
        # English
        "fuck", "fucks", "fucked", "fucker", "fuckers", "fucking", "fuckin", "fking", "fkin",
        "fk", "fck", "fcking", "fuk", "fukin", "wtf", "stfu", "gtfo", "af", "shit", "shits",
        "shitty", "bullshit", "damn", "dammit", "damnit", "goddamn", "bitch", "bitches",
        "bitching", "bitchy", "bastard", "bastards", "asshole", "assholes", "arse", "arsehole",
        "crap", "crappy", "piss", "pissed", "motherfucker", "mf", "dick", "dickhead", "prick",
        "twat", "wanker", "jackass", "dumbass", "smartass", "cunt",
        # Hinglish
        "bc", "mc", "bkl", "bsdk", "bhosdike", "bhosdk", "bhosdi", "bhenchod", "behenchod",
        "bhenchodd", "benchod", "madarchod", "maderchod", "chutiya", "chutiye", "chutia",
        "chutiyapa", "chutiyapanti", "chod", "saala", "saale", "saali", "sala", "kamina",
        "kamine", "kaminey", "kameena", "kameene", "harami", "haramkhor", "haraamkhor",
        "gandu", "gaandu", "gand", "gaand", "lauda", "lavda", "lawda", "lodu", "loda", "lund",
        "tatti", "jhant", "jhaatu", "jhantu", "bakwaas", "bakwas", "bakchodi", "bakchod",
        "ullu", "kutta", "kutte", "kutti", "kuttiya", "suar", "suwar", "randi",
    }
)  # fmt: skip

# Prefixes that are profane wherever they start a token ("fuckkk", "fuckingg", "chutiyapa").
PROFANITY_PREFIXES: tuple[str, ...] = (
    "fuck", "motherf", "bullshit", "bhench", "behench", "madarch", "chutiy", "bhosd",
)  # fmt: skip

# Hinglish affect words: VADER and NRC know none of these. Scored +1 / -1 by
# ``lexical._hinglish_valence`` before negation and intensifiers apply.
HINGLISH_POSITIVE: frozenset[str] = frozenset(
    {
        "khush", "khushi", "khushh", "mast", "masst", "accha", "acha", "achha", "achcha",
        "acchha", "achchha", "acchi", "achi", "achhi", "acche", "achhe", "badhiya",
        "badiya", "badhia", "badia", "shandaar", "shandar", "zabardast", "jabardast", "sahi",
        "pyaar", "pyar", "pyaara", "pyara", "pyaari", "pyari", "sukoon", "sukun", "aaram",
        "araam", "maza", "mazaa", "maja", "majaa", "mazedaar", "anand", "shukriya", "dhanyavaad",
        "dhanyawad", "umeed", "ummeed", "himmat", "hasi", "hansi", "muskaan", "muskurahat",
        "sundar", "khoobsurat", "khubsurat", "kamaal", "kamal", "behtareen", "behtreen",
        "shanti", "santusht", "garv", "fakhr", "jeet", "safal", "josh", "utsah",
        "chill", "jhakaas", "bindaas", "sukh", "khushnaseeb", "shaandaar",
    }
)  # fmt: skip

HINGLISH_NEGATIVE: frozenset[str] = frozenset(
    {
        "udaas", "udas", "udaasi", "udasi", "pareshan", "pareshaan", "preshan", "pareshani",
        "dukhi", "dukh", "dard", "takleef", "taklif", "bekaar", "bekar", "thak", "thaka",
        "thaki", "thake", "thakaan", "thakan", "bura", "buri", "bure", "ganda", "gandi",
        "gande", "gussa", "ghussa", "naraz", "naraaz", "tension", "chinta", "darr",
        "dara", "dari", "akela", "akeli", "akelapan", "tanha", "tanhai", "rona",
        "ro", "roya", "royi", "rone", "aansu", "aasu", "nafrat", "jalan", "bechain", "bechaini",
        "ghabrahat", "ghabra", "ghabrana", "pachtawa", "afsos", "sharam", "sharmindagi",
        "bezaar", "bezar", "mayoos", "mayus", "niraash", "nirash", "haar", "haara", "toota",
        "tuta", "tooti", "tuti", "barbaad", "barbad", "museebat", "musibat", "mushkil",
        "kharab", "kharaab", "faltu", "bekaarr", "ghatiya", "bakwaas", "bakwas", "bimaar",
        "bimar", "marna", "mar", "khatam", "khatm", "bojh", "pagal", "zeher", "zehar",
    }
)  # fmt: skip

FIRST_PERSON: frozenset[str] = frozenset(
    {
        # English (incl. apostrophe-less contractions common in chat)
        "i", "me", "my", "mine", "myself", "i'm", "im", "i've", "ive", "i'd", "i'll",
        "we", "us", "our", "ours", "ourselves", "we're", "we've", "we'll",
        # Hinglish. "main" is also English; in this corpus it is mostly the Hindi "I".
        "main", "mai", "mujhe", "mujhko", "mujhse", "mujh", "mera", "meri", "mere",
        "maine", "mainne", "apna", "apni", "apne", "hum", "humko", "humein", "hame", "hamein",
        "humara", "hamara", "humari", "hamari", "humare", "hamare",
    }
)  # fmt: skip

# Romanized Hindi tokens that collide with NRC English entries ("main" = I, "din" = day,
# "lag" = feel, "jab" = when, "mar" = die/hit). In this corpus the Hindi reading dominates,
# so they are skipped for NRC rates. ("ache" = good is simply not listed as Hinglish.)
NRC_SKIP: frozenset[str] = frozenset({"main", "din", "lag", "jab", "mar"})
