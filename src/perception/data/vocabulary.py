"""Word lists, affect lexicon and sentence templates for the synthetic corpus.

Everything here is written for this project (no dataset text is copied). Templates form a tiny
grammar: `{slot}` is replaced by a random entry of `SLOTS[slot]`, recursively. Entries are
repeated inside a list to weight them, which keeps the sampler a single uniform draw.
"""

from __future__ import annotations

# word -> (valence in [-1, 1], arousal in [0, 1]). One lexicon for both languages because
# code-mixed text freely uses English affect words inside Hindi syntax.
LEXICON: dict[str, tuple[float, float]] = {
    # English positive
    "happy": (0.7, 0.55), "great": (0.7, 0.6), "good": (0.5, 0.4), "calm": (0.5, 0.1),
    "relaxed": (0.55, 0.1), "grateful": (0.7, 0.3), "proud": (0.7, 0.6), "excited": (0.7, 0.9),
    "peaceful": (0.6, 0.05), "content": (0.5, 0.15), "hopeful": (0.6, 0.45),
    "cheerful": (0.7, 0.6), "thrilled": (0.85, 0.95), "amazing": (0.85, 0.8),
    "wonderful": (0.8, 0.6), "lovely": (0.7, 0.4), "fine": (0.25, 0.2), "okay": (0.15, 0.2),
    "refreshed": (0.6, 0.35), "energized": (0.6, 0.85), "motivated": (0.6, 0.75),
    "relieved": (0.6, 0.2), "loved": (0.8, 0.5), "blessed": (0.75, 0.35), "joyful": (0.8, 0.7),
    "glad": (0.6, 0.4), "awesome": (0.8, 0.8), "fantastic": (0.8, 0.8), "perfect": (0.75, 0.5),
    "love": (0.75, 0.6), "fun": (0.65, 0.7), "nice": (0.5, 0.35), "cozy": (0.55, 0.1),
    "productive": (0.5, 0.55), "won": (0.7, 0.8), "passed": (0.5, 0.5), "finally": (0.2, 0.4),
    "lol": (0.25, 0.5), "haha": (0.35, 0.6), "yay": (0.7, 0.9), "wow": (0.4, 0.85),
    "smile": (0.6, 0.4), "laughed": (0.65, 0.65), "enjoyed": (0.65, 0.5), "better": (0.4, 0.3),
    "best": (0.75, 0.6), "beautiful": (0.75, 0.45), "sweet": (0.55, 0.35), "hugged": (0.6, 0.4),
    "celebrated": (0.7, 0.8), "promoted": (0.75, 0.75), "sunny": (0.4, 0.4),
    # English negative
    "sad": (-0.7, 0.3), "tired": (-0.4, 0.1), "exhausted": (-0.55, 0.2), "lonely": (-0.7, 0.2),
    "anxious": (-0.6, 0.8), "stressed": (-0.6, 0.75), "worried": (-0.55, 0.65),
    "down": (-0.45, 0.15), "low": (-0.45, 0.1), "miserable": (-0.85, 0.4),
    "frustrated": (-0.6, 0.75), "annoyed": (-0.5, 0.65), "upset": (-0.6, 0.6),
    "drained": (-0.55, 0.1), "overwhelmed": (-0.65, 0.8), "bored": (-0.3, 0.05),
    "empty": (-0.7, 0.1), "hopeless": (-0.8, 0.25), "disappointed": (-0.6, 0.35),
    "nervous": (-0.45, 0.8), "irritated": (-0.5, 0.7), "gloomy": (-0.55, 0.15),
    "heartbroken": (-0.85, 0.45), "restless": (-0.35, 0.75), "numb": (-0.6, 0.05),
    "worthless": (-0.85, 0.3), "angry": (-0.65, 0.9), "furious": (-0.8, 0.95),
    "pissed": (-0.65, 0.9), "livid": (-0.8, 0.95), "mad": (-0.55, 0.85), "fed": (-0.3, 0.55),
    "hate": (-0.75, 0.8), "awful": (-0.75, 0.6), "terrible": (-0.75, 0.6), "bad": (-0.5, 0.4),
    "worst": (-0.8, 0.7), "failed": (-0.6, 0.5), "lost": (-0.45, 0.4), "yelled": (-0.55, 0.85),
    "fought": (-0.55, 0.8), "missed": (-0.3, 0.4), "cried": (-0.65, 0.55), "ugh": (-0.35, 0.6),
    "crying": (-0.65, 0.55), "hurt": (-0.6, 0.55), "sick": (-0.5, 0.3), "broke": (-0.4, 0.4),
    "useless": (-0.65, 0.35), "boring": (-0.35, 0.05), "rude": (-0.5, 0.6),
    "crazy": (-0.3, 0.85), "ruined": (-0.7, 0.7), "mess": (-0.45, 0.5), "ignored": (-0.5, 0.4),
    "insulted": (-0.65, 0.75), "scolded": (-0.5, 0.6), "late": (-0.2, 0.45),
    "stuck": (-0.35, 0.45), "rejected": (-0.65, 0.5), "alone": (-0.5, 0.15),
    "afraid": (-0.6, 0.8), "scared": (-0.65, 0.85), "terrified": (-0.8, 0.95),
    # profanity: negative and arousing, but not a crisis signal on its own
    "damn": (-0.3, 0.7), "fucking": (-0.35, 0.85), "shit": (-0.5, 0.75), "shitty": (-0.6, 0.7),
    "bloody": (-0.3, 0.7), "crap": (-0.45, 0.55), "wtf": (-0.45, 0.85), "killing": (-0.45, 0.8),
    "bc": (-0.4, 0.85), "saala": (-0.35, 0.8), "saali": (-0.35, 0.8), "bakwaas": (-0.5, 0.65),
    "kamina": (-0.45, 0.75), "ghatiya": (-0.6, 0.6), "bekaar": (-0.5, 0.4),
    # crisis vocabulary: what makes crisis texts low-valence with type-specific arousal
    "disappear": (-0.6, 0.25), "vanish": (-0.55, 0.25), "burden": (-0.7, 0.3),
    "pointless": (-0.7, 0.2), "die": (-0.9, 0.65), "dead": (-0.85, 0.5), "end": (-0.3, 0.3),
    "kill": (-0.9, 0.9), "pills": (-0.5, 0.6), "overdose": (-0.9, 0.85), "goodbye": (-0.5, 0.5),
    "rope": (-0.6, 0.6), "jump": (-0.4, 0.7), "bridge": (-0.2, 0.4), "cut": (-0.65, 0.65),
    "cutting": (-0.7, 0.65), "blade": (-0.6, 0.65), "burned": (-0.7, 0.7), "bleed": (-0.75, 0.7),
    "scars": (-0.55, 0.4), "drunk": (-0.45, 0.6), "wasted": (-0.45, 0.6), "hungover": (-0.5, 0.3),
    "blackout": (-0.6, 0.55), "numbing": (-0.5, 0.3), "panic": (-0.7, 0.95),
    "racing": (-0.45, 0.9), "pounding": (-0.5, 0.9), "shaking": (-0.55, 0.9),
    "suffocating": (-0.8, 0.95), "dizzy": (-0.5, 0.75), "choking": (-0.75, 0.95),
    "voices": (-0.45, 0.6), "watching": (-0.2, 0.55), "spying": (-0.6, 0.75),
    "poisoning": (-0.75, 0.8), "whispering": (-0.35, 0.55), "cameras": (-0.2, 0.5),
    # Hinglish
    "khush": (0.7, 0.55), "accha": (0.5, 0.35), "achha": (0.5, 0.35), "badhiya": (0.7, 0.5),
    "mast": (0.7, 0.65), "sukoon": (0.65, 0.05), "shanti": (0.55, 0.05), "pyaar": (0.7, 0.5),
    "maza": (0.65, 0.7), "mazaa": (0.65, 0.7), "shukr": (0.5, 0.2), "zabardast": (0.8, 0.85),
    "sahi": (0.4, 0.4), "khushi": (0.7, 0.55), "wah": (0.55, 0.7), "jeet": (0.7, 0.8),
    "udaas": (-0.65, 0.2), "dukhi": (-0.65, 0.3), "thak": (-0.4, 0.1), "thaka": (-0.4, 0.1),
    "thaki": (-0.4, 0.1), "pareshan": (-0.6, 0.65), "gussa": (-0.65, 0.9), "bura": (-0.55, 0.45),
    "kharab": (-0.5, 0.6), "akela": (-0.6, 0.2), "akeli": (-0.6, 0.2), "tension": (-0.5, 0.7),
    "dar": (-0.6, 0.75), "darr": (-0.6, 0.75), "ghabrahat": (-0.65, 0.9), "chinta": (-0.5, 0.6),
    "rona": (-0.6, 0.55), "dard": (-0.6, 0.5), "bore": (-0.3, 0.05), "khali": (-0.55, 0.1),
    "toot": (-0.6, 0.5), "fail": (-0.6, 0.5), "daanta": (-0.5, 0.65), "jhagda": (-0.55, 0.8),
    "bekar": (-0.5, 0.4), "pagal": (-0.35, 0.8), "marna": (-0.9, 0.6), "mar": (-0.8, 0.6),
    "khatam": (-0.5, 0.45), "gayab": (-0.5, 0.25), "kaat": (-0.65, 0.65), "jala": (-0.65, 0.7),
    "daaru": (-0.35, 0.55), "nasha": (-0.5, 0.55), "tez": (-0.15, 0.8), "kaanp": (-0.55, 0.9),
    # "fayda" (use) only ever occurs rhetorically here: "kya fayda" = what's the point.
    "fayda": (-0.4, 0.25), "gone": (-0.5, 0.3), "kood": (-0.5, 0.75), "hell": (-0.5, 0.75),
    "done": (-0.2, 0.5), "awaazein": (-0.45, 0.6), "peecha": (-0.45, 0.7), "zeher": (-0.8, 0.75),
}

INTENSIFIERS: dict[str, float] = {
    "really": 1.4, "so": 1.35, "very": 1.35, "super": 1.45, "extremely": 1.6, "totally": 1.4,
    "incredibly": 1.55, "too": 1.25, "absolutely": 1.5, "bahut": 1.45, "bohot": 1.45,
    "ekdum": 1.5, "ekdam": 1.5, "kaafi": 1.3, "itna": 1.35, "bilkul": 1.4, "hella": 1.4,
}
# Multi-word diminishers are matched on the joined previous tokens.
DIMINISHERS: dict[str, float] = {
    "bit": 0.6, "slightly": 0.6, "somewhat": 0.65, "kinda": 0.7, "little": 0.65,
    "thoda": 0.6, "thodi": 0.6, "halka": 0.6, "barely": 0.5, "mildly": 0.6,
}
NEGATORS_PRE: frozenset[str] = frozenset({
    "not", "never", "no", "don't", "dont", "didn't", "didnt", "isn't", "wasn't", "aren't",
    "can't", "cant", "won't", "nothing", "nobody", "hardly", "without", "nahi", "nahin", "na",
    "mat", "nai", "bina",
})
# Hindi places the negator after the predicate ("accha nahi lag raha"), so Hinglish negators
# also reach a few tokens backwards.
NEGATORS_POST: frozenset[str] = frozenset({"nahi", "nahin", "nai", "na", "mat"})
SARCASM_CUES: tuple[str, ...] = (
    "oh great", "yeah right", "just perfect", "love that for me", "wah kya baat hai",
    "oh wonderful", "what a fantastic", "just what i needed", "kya kismat hai", "so much fun",
)

SLOTS: dict[str, list[str]] = {
    # ---- English building blocks
    "m": [""] * 6 + ["really ", "so ", "very ", "super ", "extremely ", "totally ",
                     "a bit ", "kinda ", "slightly ", "a little ", "somewhat "],
    "mi": ["really ", "so ", "very ", "super ", "extremely ", "incredibly ", "absolutely "],
    "pos": ["happy", "great", "good", "calm", "relaxed", "grateful", "proud", "excited",
            "peaceful", "content", "hopeful", "cheerful", "thrilled", "amazing", "lovely",
            "refreshed", "energized", "motivated", "relieved", "loved", "blessed", "joyful",
            "glad", "awesome", "fine", "okay", "cozy", "productive"],
    "neg": ["sad", "tired", "exhausted", "lonely", "anxious", "stressed", "worried", "down",
            "low", "miserable", "frustrated", "annoyed", "upset", "drained", "overwhelmed",
            "bored", "empty", "disappointed", "nervous", "irritated", "gloomy", "heartbroken",
            "restless", "numb", "useless", "stuck", "alone", "scared", "sick"],
    "ang": ["angry", "furious", "pissed", "livid", "mad", "annoyed", "irritated", "frustrated"],
    "distress": ["hopeless", "worthless", "lonely", "anxious", "empty", "miserable", "numb",
                 "scared", "overwhelmed", "stressed", "sad", "down", "useless"],
    "time": ["today", "tonight", "this morning", "this week", "lately", "since monday",
             "right now", "all day", "this evening", "after lunch", "these days",
             "since last night", "this weekend", "at work", "after class"],
    "person": ["my manager", "my roommate", "my mom", "my dad", "my brother", "my sister",
               "my boyfriend", "my girlfriend", "my best friend", "the landlord", "my team lead",
               "my professor", "my neighbour", "my cousin", "my coworker", "my husband",
               "my wife", "the client"],
    "thing": ["traffic", "meeting", "deadline", "commute", "wifi", "exam", "rain", "power cut",
              "assignment", "queue", "heat", "laptop", "train", "bus", "internet", "project",
              "presentation", "noise", "interview", "rent"],
    "pos_event": ["finished my project", "had dinner with friends", "got a call from mom",
                  "went for a long walk", "passed the exam", "cooked something new",
                  "won the match", "got promoted", "hugged my sister", "laughed with my team",
                  "enjoyed the rain", "slept eight hours", "finished the book", "cleared my inbox",
                  "got my first paycheck", "celebrated with the family", "went swimming",
                  "met an old friend", "got good feedback", "fixed the bug finally"],
    "neg_event": ["missed the bus", "fought with my sister", "failed the test", "lost my wallet",
                  "got yelled at by my boss", "work piled up again", "the laptop crashed",
                  "got rejected again", "missed the deadline", "got ignored in the meeting",
                  "slept two hours", "got scolded in front of everyone", "spilled chai on my notes",
                  "the landlord raised the rent", "my phone broke", "the train was late again",
                  "lost the match", "forgot my keys", "the presentation flopped",
                  "nobody replied to my texts"],
    "neutral_event": ["went to the office", "took the metro", "had chai with my roommate",
                      "did the laundry", "called my parents", "walked to the market",
                      "cooked dal and rice", "answered some emails", "sat in two meetings",
                      "watched a documentary", "cleaned my room", "went to the gym",
                      "read a few pages", "paid the electricity bill", "took a short nap",
                      "ordered groceries", "studied for a few hours", "fed the neighbour's cat"],
    "pre": [""] * 10 + ["honestly ", "ugh ", "lol ", "tbh ", "idk ", "man, ", "okay so ",
                        "ngl ", "well, ", "hmm ", "sigh, ", "bro ", "so yeah ", "guess what, "],
    "suf": [""] * 10 + [" lol", " haha", " tbh", " ngl", "...", " fr", " i guess", " again",
                        " :)", " :(", " smh", " whatever", " for real", " idk"],
    # ---- Hinglish building blocks
    "mh": [""] * 6 + ["bahut ", "bohot ", "ekdum ", "kaafi ", "itna ", "thoda ", "thodi ",
                      "halka "],
    "mhi": ["bahut ", "bohot ", "ekdum ", "itna ", "bilkul ", "kaafi "],
    "pos_h": ["khush", "accha", "badhiya", "mast", "relaxed", "happy", "achha", "zabardast",
              "fresh", "sahi", "calm", "proud", "excited", "grateful"],
    "neg_h": ["udaas", "dukhi", "thaka", "thaki", "pareshan", "akela", "akeli", "bura", "bekaar",
              "tired", "stressed", "low", "bored", "lonely", "down", "khali khali", "upset"],
    "ang_h": ["gussa", "pagal", "irritated", "frustrated", "pissed", "angry"],
    "time_h": ["aaj", "aaj raat", "subah se", "kal se", "is hafte", "aajkal", "abhi",
               "poore din", "office ke baad", "lunch ke baad", "kuch dino se", "weekend pe",
               "raat bhar", "college mein"],
    "person_h": ["boss", "mummy", "papa", "bhai", "didi", "roommate", "dost", "manager",
                 "landlord", "bf", "gf", "team lead", "padosi", "sir", "client"],
    "thing_h": ["traffic", "meeting", "deadline", "wifi", "exam", "baarish", "light", "kaam",
                "assignment", "metro", "garmi", "laptop", "project", "interview", "kiraya"],
    "pos_event_h": ["exam clear ho gaya", "dosto ke saath dinner kiya", "mummy ka call aaya",
                    "lambi walk pe gaya", "naya kuch banaya", "match jeet gaye",
                    "promotion mil gaya", "puraane dost se mila", "salary aa gayi",
                    "project khatam kiya", "family ke saath movie dekhi",
                    "boss ne tareef ki", "baarish mein chai pi", "achhi neend aayi"],
    "neg_event_h": ["bus miss ho gayi", "bhai se jhagda hua", "exam mein fail ho gaya",
                    "wallet kho gaya", "boss ne daanta", "kaam ka dher lag gaya",
                    "laptop crash ho gaya", "phir se reject ho gaya", "deadline miss ho gayi",
                    "meeting mein kisi ne suna nahi", "sirf do ghante soya",
                    "sabke saamne daant padi", "phone toot gaya", "train phir late thi",
                    "kisi ne reply nahi kiya", "kiraya badh gaya"],
    "neutral_event_h": ["office gaya", "metro li", "roommate ke saath chai pi",
                        "kapde dhoye", "ghar pe call kiya", "market tak gaya",
                        "dal chawal banaya", "kuch emails kiye", "do meetings mein baitha",
                        "documentary dekhi", "kamra saaf kiya", "gym gaya", "thoda padha",
                        "bijli ka bill bhara", "chhoti si neend li", "sabzi mangwayi"],
    "pre_h": [""] * 10 + ["yaar ", "sach mein ", "bhai ", "arre ", "uff ", "matlab ",
                          "accha sun, ", "pata nahi, ", "chal ", "haan toh "],
    "suf_h": [""] * 10 + [" yaar", " lol", " bhai", "...", " sach mein", " kya karu",
                          " haha", " pata nahi kyun", " bas", " hai na", " :(", " :)"],
}

# Templates per category and language. Short ones stay within 2-12 words; `SENT` entries are
# longer context sentences used to pad medium/long texts.
TEMPLATES: dict[str, dict[str, list[str]]] = {
    "positive": {
        "en": ["{pre}feeling {m}{pos} {time}{suf}", "{pre}{time} was {m}{pos}{suf}",
               "{pre}{pos_event} and feeling {m}{pos}{suf}", "{pre}{pos_event}, {m}{pos} day{suf}",
               "{pre}so {pos} that I {pos_event}{suf}", "{pre}{m}{pos} after I {pos_event}{suf}",
               "{pre}{pos_event} {time}{suf}", "{pre}honestly {m}{pos} {time}",
               "{pre}{time} I feel {m}{pos} and {pos}{suf}", "{pre}loving {time} so much{suf}",
               "{pre}{pos_event}. {m}{pos}!{suf}", "{pre}best part of {time}: {pos_event}"],
        "hinglish": ["{pre_h}aaj {mh}{pos_h} feel ho raha hai{suf_h}",
                     "{pre_h}{time_h} {mh}{pos_h} lag raha hai{suf_h}",
                     "{pre_h}{pos_event_h}, {mh}{pos_h} hoon{suf_h}",
                     "{pre_h}{pos_event_h} aur mood {mh}{pos_h} hai{suf_h}",
                     "{pre_h}{time_h} din {mh}{pos_h} tha{suf_h}",
                     "{pre_h}{pos_event_h}, maza aa gaya{suf_h}",
                     "{pre_h}dil se {pos_h} hoon {time_h}{suf_h}",
                     "{pre_h}{pos_event_h}, sukoon mila{suf_h}"],
    },
    "negative": {
        "en": ["{pre}feeling {m}{neg} {time}{suf}", "{pre}{neg_event}, {m}{neg}{suf}",
               "{pre}{time} has been {m}{neg}{suf}", "{pre}{neg_event} {time}{suf}",
               "{pre}why am I always so {neg}{suf}", "{pre}{m}{neg} after {person} left{suf}",
               "{pre}{neg_event} and now {m}{neg}{suf}", "{pre}just {m}{neg} and {neg}{suf}",
               "{pre}nothing feels good {time}{suf}", "{pre}{neg_event}. {m}{neg}.{suf}",
               "{pre}{time} I feel {m}{neg}{suf}", "{pre}{person} {neg_event2}{suf}"],
        "hinglish": ["{pre_h}aaj {mh}{neg_h} feel ho raha hai{suf_h}",
                     "{pre_h}{time_h} {mh}{neg_h} hoon{suf_h}",
                     "{pre_h}{neg_event_h}, {mh}{neg_h} lag raha hai{suf_h}",
                     "{pre_h}kuch accha nahi lag raha {time_h}{suf_h}",
                     "{pre_h}{neg_event_h} aur mood {mh}kharab hai{suf_h}",
                     "{pre_h}aaj {mh}thak gaya yaar, kuch accha nahi lag raha",
                     "{pre_h}{time_h} se {mh}{neg_h} hoon{suf_h}",
                     "{pre_h}{neg_event_h}, din bekaar gaya{suf_h}",
                     "{pre_h}mann {mh}{neg_h} hai{suf_h}"],
    },
    "neutral": {
        "en": ["{pre}{neutral_event} {time}{suf}", "{pre}{neutral_event}, nothing special{suf}",
               "{pre}{pos_event} but {neg_event}{suf}", "{pre}{neutral_event} and {neutral_event}",
               "{pre}mixed day, {pos_event} but {neg_event}", "{pre}{time}: {neutral_event}{suf}"],
        "hinglish": ["{pre_h}{time_h} {neutral_event_h}{suf_h}",
                     "{pre_h}{neutral_event_h}, aur kuch khaas nahi{suf_h}",
                     "{pre_h}{pos_event_h} par {neg_event_h}{suf_h}",
                     "{pre_h}{neutral_event_h} phir {neutral_event_h}"],
    },
    "sarcasm": {
        "en": ["{pre}oh great, {neg_event} {time}", "{pre}{neg_event}. just perfect{suf}",
               "{pre}{neg_event}, love that for me{suf}",
               "{pre}yeah right, like {time} will be {pos}",
               "{pre}oh wonderful, {neg_event} again", "{pre}{neg_event}, just what i needed",
               "{pre}what a fantastic {time2}, {neg_event}", "{pre}{neg_event}. so much fun{suf}",
               "{pre}oh great, {mi}{pos} to be me{suf}", "{pre}yeah right, {person} is {m}{pos}"],
        "hinglish": ["{pre_h}wah kya baat hai, {neg_event_h}",
                     "{pre_h}{neg_event_h}, wah kya baat hai",
                     "{pre_h}{neg_event_h}. just perfect{suf_h}",
                     "{pre_h}{neg_event_h}, kya kismat hai {mhi}badhiya",
                     "{pre_h}oh great, {neg_event_h} {time_h}",
                     "{pre_h}{neg_event_h}, love that for me{suf_h}"],
    },
    "profanity": {
        "en": ["{pre}this damn {thing} is killing me{suf}", "{pre}{thing} is so fucking annoying",
               "{pre}what a shitty {time2}{suf}", "{pre}bloody {thing} again{suf}",
               "{pre}wtf is this {thing}{suf}", "{pre}{thing} can go to hell{suf}",
               "{pre}damn {thing}, {m}{ang}{suf}", "{pre}this {thing} is crap {time}{suf}",
               "{pre}shit, {neg_event}{suf}", "{pre}{person} is a damn mess {time}"],
        "hinglish": ["{pre_h}saala kya bakwaas din tha{suf_h}",
                     "{pre_h}yeh {thing_h} ne dimag kharab kar diya{suf_h}",
                     "{pre_h}bc {thing_h} phir se{suf_h}", "{pre_h}kya bakwaas hai yaar{suf_h}",
                     "{pre_h}saala {thing_h} {time_h} bhi{suf_h}",
                     "{pre_h}ghatiya {thing_h}, {mh}gussa aa raha hai",
                     "{pre_h}{person_h} kamina hai bc{suf_h}",
                     "{pre_h}bakwaas {thing_h}, {neg_event_h}"],
    },
    "negated": {
        "en": ["{pre}not {distress} anymore{suf}", "{pre}I'm not {distress} anymore",
               "{pre}no longer feeling {distress}{suf}", "{pre}not as {distress} as yesterday",
               "{pre}didn't feel {distress} {time}, finally", "{pre}{time} I was not {distress}",
               "{pre}never thought I'd say it but not {distress} {time}",
               "{pre}for once not {m}{distress}{suf}"],
        "hinglish": ["{pre_h}ab utna {neg_h} nahi lag raha{suf_h}",
                     "{pre_h}aaj {neg_h} feel nahi hua{suf_h}",
                     "{pre_h}{time_h} {neg_h} nahi hoon, finally",
                     "{pre_h}ab tension nahi hai{suf_h}", "{pre_h}pehle jaisa {neg_h} nahi hoon"],
    },
    "vent": {
        "en": ["{pre}I AM SO ANGRY at {person}", "{pre}{person} is driving me crazy",
               "{pre}so done with {person} {time}", "{pre}{m}{ang} about the {thing}",
               "{pre}I hate this {thing} so much", "{pre}{mi}{ang} at {person} right now",
               "{pre}{person} {neg_event2} and I am {mi}{ang}",
               "{pre}can't stand {person} {time}, so annoyed"],
        "hinglish": ["{pre_h}{person_h} pe {mhi}gussa aa raha hai",
                     "{pre_h}{person_h} ne pagal kar diya hai{suf_h}",
                     "{pre_h}{mhi}{ang_h} hoon {thing_h} ki wajah se",
                     "{pre_h}{person_h} se {mhi}irritated hoon {time_h}",
                     "{pre_h}is {thing_h} se nafrat hai, {mhi}gussa"],
    },
    # ---- crisis phrase families
    "passive_ideation": {
        "en": ["{pre}wish I could just {vanish}",
               "{pre}feeling worthless, what's the point of living",
               "{pre}I'm a burden, everyone is better off without me",
               "{pre}I'm just a burden to {people}",
               "{pre}so empty, I don't want to wake up tomorrow", "{pre}tired of existing {time}",
               "{pre}no reason to keep going, all pointless", "{pre}I just want it all to end",
               "{pre}sometimes I wish I was dead", "{pre}life feels pointless {time}",
               "{pre}{neg} and honestly wish I could {vanish}",
               "{pre}nobody would notice if I was gone"],
        "hinglish": ["{pre_h}kya fayda hai jeene ka{suf_h}", "{pre_h}kaash main gayab ho jaun",
                     "{pre_h}sabko mere bina accha rahega",
                     "{pre_h}dil udaas hai, jeene ka mann nahi karta",
                     "{pre_h}khali khali lagta hai, subah uthne ka mann nahi",
                     "{pre_h}sab khatam ho jaye bas",
                     "{pre_h}main sabpe burden hoon", "{pre_h}kabhi kabhi lagta hai mar jaun",
                     "{pre_h}{neg_h} hoon, kya fayda hai sabka",
                     "{pre_h}main burden hoon, kisi ko farak nahi padega"],
    },
    "immediate_harm": {
        "en": ["{pre}tonight I'm going to end it", "{pre}I have the pills ready for tonight",
               "{pre}I'm going to kill myself {when}", "{pre}wrote my goodbye notes, it's {when}",
               "{pre}standing on the bridge right now, ready to jump",
               "{pre}the rope is ready, {when}",
               "{pre}saved up enough pills to overdose {when}", "{pre}I'll jump {when}, decided",
               "{pre}this is my last night, goodbye"],
        "hinglish": ["{pre_h}aaj raat sab khatam kar dunga",
                     "{pre_h}pills jama kar li hain, aaj raat",
                     "{pre_h}chhat se kood jaunga {when_h}", "{pre_h}rope ready hai, {when_h}",
                     "{pre_h}{when_h} khud ko khatam kar dungi",
                     "{pre_h}goodbye sabko, aaj raat last hai",
                     "{pre_h}zeher le aaya hoon, {when_h}"],
    },
    "self_harm": {
        "en": ["{pre}cut myself again {time}", "{pre}the blade is the only thing that helps",
               "{pre}burned my arm with a lighter {time}", "{pre}relapsed, cutting again",
               "{pre}I hurt myself on purpose {time}", "{pre}hiding the scars with long sleeves",
               "{pre}want to cut just to feel something", "{pre}I made myself bleed {time}"],
        "hinglish": ["{pre_h}phir se haath kaat liya", "{pre_h}blade se khud ko hurt kiya {time_h}",
                     "{pre_h}cigarette se haath jala diya",
                     "{pre_h}khud ko dard dena accha lagta hai",
                     "{pre_h}scars chhupane padte hain ab", "{pre_h}{time_h} phir se cut kiya"],
    },
    "substance": {
        "en": ["{pre}drinking alone again to cope",
               "{pre}getting wasted every night, can't sleep otherwise",
               "{pre}took way too many pills to feel numb", "{pre}drunk every night {time}",
               "{pre}blackout drunk again, don't remember anything",
               "{pre}using again just to feel numb {time}",
               "{pre}need a drink to stop feeling miserable",
               "{pre}mixed pills and vodka {time}, whatever happens"],
        "hinglish": ["{pre_h}daaru ke bina neend nahi aati",
                     "{pre_h}roz peeke sota hoon, nasha chahiye",
                     "{pre_h}aaj bahut daaru pi li, bas bhoolna tha",
                     "{pre_h}nasha hi sahara hai {time_h}",
                     "{pre_h}pills aur daaru dono le li", "{pre_h}{time_h} phir se drunk hoon"],
    },
    "panic": {
        "en": ["{pre}heart racing, can't breathe", "{pre}my heart is pounding out of my chest",
               "{pre}hands shaking, feel like I'm choking", "{pre}having a panic attack {time}",
               "{pre}chest is tight and I'm dizzy", "{pre}feels like I'm suffocating {time}",
               "{pre}heart racing and I think I'm dying", "{pre}panic attack at work, shaking"],
        "hinglish": ["{pre_h}ghabrahat ho rahi hai, saans nahi aa rahi",
                     "{pre_h}dil bahut tez dhadak raha hai",
                     "{pre_h}haath kaanp rahe hain, ghabrahat ho rahi hai",
                     "{pre_h}{time_h} panic attack aaya", "{pre_h}dar lag raha hai, dil ruk jayega",
                     "{pre_h}ghabrahat se chakkar aa rahe hain"],
    },
    "psychotic": {
        "en": ["{pre}the voices are back {time}", "{pre}someone is watching me through the walls",
               "{pre}they put cameras in my room", "{pre}I hear whispering when nobody is there",
               "{pre}my neighbours are spying on me", "{pre}they are poisoning my food",
               "{pre}the tv is sending me messages, so scared",
               "{pre}the voices tell me I'm being followed"],
        "hinglish": ["{pre_h}koi mujhe dekh raha hai hamesha, darr lagta hai",
                     "{pre_h}awaazein sunai deti hain raat ko",
                     "{pre_h}phone mein koi sun raha hai, bahut darr hai",
                     "{pre_h}padosi mera peecha kar rahe hain",
                     "{pre_h}khaane mein zeher mila rahe hain",
                     "{pre_h}deewar se awaazein aati hain"],
    },
}

# Extra slots the templates above reference.
SLOTS.update({
    "vanish": ["disappear", "vanish", "stop existing", "fade away", "sleep forever",
               "not wake up", "disappear forever"],
    "people": ["everyone", "my family", "my friends", "my parents", "everyone around me"],
    "when": ["tonight", "after midnight", "tomorrow morning", "before sunrise", "this weekend",
             "in an hour", "once everyone sleeps"],
    "when_h": ["aaj raat", "kal subah", "sab so jayenge tab", "ek ghante mein", "abhi"],
    "time2": ["day", "morning", "week", "commute", "shift", "evening"],
    "neg_event2": ["yelled at me again", "ignored me all day", "took credit for my work",
                   "cancelled on me again", "insulted me in front of everyone",
                   "made me redo everything"],
})

# Padding sentences for medium/long texts: context that carries little affect.
CONTEXT: dict[str, list[str]] = {
    "en": ["{Time} I {neutral_event} and then {neutral_event}.",
           "Not much else happened, I {neutral_event} and went to bed late.",
           "In the morning I {neutral_event}, then I {neutral_event} before lunch.",
           "Later {person} called and we talked about the {thing} for a while.",
           "The {thing} took most of the afternoon as usual.",
           "I keep thinking about the {thing} and what comes next.",
           "After that I {neutral_event} because there was nothing else to do.",
           "Writing this down because it helps me keep track of the week."],
    "hinglish": ["{time_h} {neutral_event_h}, phir {neutral_event_h}.",
                 "aur kuch khaas nahi hua, {neutral_event_h} aur der se soya.",
                 "subah {neutral_event_h}, phir lunch se pehle {neutral_event_h}.",
                 "baad mein {person_h} ka call aaya aur {thing_h} ke baare mein baat hui.",
                 "{thing_h} mein hi aadha din nikal gaya.",
                 "{thing_h} ke baare mein sochta rehta hoon aajkal.",
                 "likh raha hoon kyunki isse thoda halka lagta hai."],
}
SLOTS["Time"] = ["Today", "This morning", "Yesterday", "On Sunday", "After work", "Tonight"]

CRISIS_TYPES_GENERATED: tuple[str, ...] = (
    "passive_ideation", "immediate_harm", "self_harm", "substance", "panic", "psychotic",
)
# Relative prevalence of crisis types among crisis items.
CRISIS_TYPE_WEIGHTS: tuple[float, ...] = (0.30, 0.08, 0.13, 0.18, 0.22, 0.09)

# Plausible annotator confusions: a crisis is mostly confused with a related type.
RELATED_TYPES: dict[str, tuple[str, ...]] = {
    "passive_ideation": ("immediate_harm", "self_harm"),
    "immediate_harm": ("passive_ideation", "self_harm"),
    "self_harm": ("passive_ideation", "immediate_harm"),
    "substance": ("passive_ideation", "panic"),
    "panic": ("psychotic", "substance"),
    "psychotic": ("panic", "passive_ideation"),
}

FIRST_NAMES: tuple[str, ...] = (
    "riya", "arjun", "neha", "kabir", "sam", "priya", "rohan", "ananya", "dev", "maya",
    "aditya", "zoe", "ishaan", "tara", "vikram", "leah", "karan", "sana", "omar", "meera",
)
EMAIL_DOMAINS: tuple[str, ...] = ("gmail.com", "yahoo.in", "outlook.com", "proton.me", "mail.com")
URL_HOSTS: tuple[str, ...] = (
    "https://blog.example.com/p/", "http://notes.example.org/", "https://www.example.net/post/",
    "https://tinyurl.example/",
)

# Crisis posts get their own openers/closers (no "lol :)"), and every template gets a closer so
# that short texts built from few slots still rarely repeat verbatim.
SLOTS.update({
    "pre_c": [""] * 8 + ["honestly ", "idk ", "sorry but ", "it's late and ", "again. ",
                         "can't do this, ", "ok so ", "nobody asked but "],
    "suf_c": [""] * 8 + [" honestly", "...", " again", " sorry", " for real", " idk",
                         " i'm done", " nobody gets it", " tbh"],
    "pre_ch": [""] * 8 + ["yaar ", "sach mein ", "pata nahi, ", "bas ", "sorry par ", "ab "],
    "suf_ch": [""] * 8 + [" yaar", "...", " bas", " pata nahi", " kya karu", " sach mein",
                          " ab", " sorry"],
})
for _cat in CRISIS_TYPES_GENERATED:
    for _lang, _templates in TEMPLATES[_cat].items():
        _pre, _suf = ("{pre_c}", "{suf_c}") if _lang == "en" else ("{pre_ch}", "{suf_ch}")
        TEMPLATES[_cat][_lang] = [
            (t.replace("{pre}", _pre).replace("{pre_h}", _pre).replace("{suf}", "")
             .replace("{suf_h}", "") + _suf) for t in _templates
        ]
for _cat, _by_lang in TEMPLATES.items():
    for _lang, _templates in _by_lang.items():
        _suf = "{suf}" if _lang == "en" else "{suf_h}"
        _by_lang[_lang] = [t if "{suf" in t else t + _suf for t in _templates]
