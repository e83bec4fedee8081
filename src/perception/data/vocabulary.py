"""Word lists, affect lexicon and sentence templates for the synthetic corpus.

Everything here is written for this project (no dataset text is copied). Templates form a small
grammar: `{slot}` is replaced by a random entry of `SLOTS[slot]`, recursively. Entries are
repeated inside a list to weight them, which keeps the sampler a single uniform draw.

Two kinds of words live here, on purpose kept apart:

* the affect lexicon (`LEXICON`): the only words that move the labels. It is a few hundred
  words, so that a model reading the text can learn each of them;
* the neutral word banks (objects, foods, places, people, names, errands, topics, ...): a few
  thousand words with no affect, used compositionally in many slots, so that texts vary the way
  real ones do (the earlier grammar had ~600 distinct words per 20k tokens, real text ~5,000)
  and sentences rarely repeat. `NEUTRAL_BANKS` lists them; none of their words is in LEXICON.
"""

from __future__ import annotations

# ----------------------------------------------------------------------------- affect lexicon

# word -> (valence in [-1, 1], arousal in [0, 1]). One lexicon for both languages because
# code-mixed text freely uses English affect words inside Hindi syntax. Arousal is carried by
# words (calm vs agitated), not by punctuation: "!" barely moves the arousal label.
LEXICON: dict[str, tuple[float, float]] = {
    # English positive, high arousal
    "excited": (0.7, 0.9), "thrilled": (0.85, 0.95), "ecstatic": (0.9, 0.95),
    "elated": (0.85, 0.85), "pumped": (0.65, 0.9), "stoked": (0.7, 0.85),
    "overjoyed": (0.9, 0.85), "giddy": (0.6, 0.85), "energized": (0.6, 0.85),
    "motivated": (0.6, 0.75), "delighted": (0.8, 0.7), "euphoric": (0.85, 0.95),
    "hyped": (0.6, 0.9), "psyched": (0.65, 0.85), "triumphant": (0.8, 0.85),
    "enthusiastic": (0.7, 0.8), "inspired": (0.7, 0.7), "amazed": (0.65, 0.8),
    "proud": (0.7, 0.6), "amazing": (0.85, 0.8), "awesome": (0.8, 0.8),
    "fantastic": (0.8, 0.8), "fun": (0.65, 0.7), "won": (0.7, 0.8), "yay": (0.7, 0.9),
    "wow": (0.4, 0.85), "celebrated": (0.7, 0.8), "promoted": (0.75, 0.75),
    "laughed": (0.65, 0.65), "danced": (0.55, 0.8), "cheered": (0.6, 0.8),
    # English positive, middling arousal
    "happy": (0.7, 0.55), "great": (0.7, 0.6), "good": (0.5, 0.4), "glad": (0.6, 0.4),
    "cheerful": (0.7, 0.6), "lovely": (0.7, 0.4), "wonderful": (0.8, 0.6), "nice": (0.5, 0.35),
    "pleased": (0.6, 0.4), "joyful": (0.8, 0.7), "blessed": (0.75, 0.35), "loved": (0.8, 0.5),
    "lucky": (0.65, 0.5), "optimistic": (0.6, 0.45), "confident": (0.6, 0.5),
    "appreciated": (0.7, 0.4), "sweet": (0.55, 0.35), "fine": (0.25, 0.2), "okay": (0.15, 0.2),
    "brilliant": (0.8, 0.65), "perfect": (0.75, 0.5), "productive": (0.5, 0.55),
    "accomplished": (0.7, 0.55), "capable": (0.5, 0.4), "understood": (0.55, 0.3),
    "welcome": (0.55, 0.35), "hopeful": (0.6, 0.45), "love": (0.75, 0.6), "best": (0.75, 0.6),
    "beautiful": (0.75, 0.45), "better": (0.4, 0.3), "enjoyed": (0.65, 0.5),
    "smile": (0.6, 0.4), "hugged": (0.6, 0.4), "passed": (0.5, 0.5), "finally": (0.2, 0.4),
    "lol": (0.25, 0.5), "haha": (0.35, 0.6), "sunny": (0.4, 0.4), "kind": (0.55, 0.3),
    # English positive, low arousal
    "calm": (0.5, 0.1), "relaxed": (0.55, 0.1), "peaceful": (0.6, 0.05), "content": (0.5, 0.15),
    "serene": (0.6, 0.05), "cozy": (0.55, 0.1), "grateful": (0.7, 0.3), "relieved": (0.6, 0.2),
    "mellow": (0.35, 0.1), "rested": (0.5, 0.1), "settled": (0.4, 0.1),
    "comfortable": (0.5, 0.15), "safe": (0.5, 0.1), "soothed": (0.55, 0.05),
    "tranquil": (0.6, 0.05), "satisfied": (0.6, 0.3), "thankful": (0.7, 0.3),
    "fulfilled": (0.7, 0.3), "unbothered": (0.35, 0.1), "carefree": (0.55, 0.3),
    "grounded": (0.45, 0.1), "refreshed": (0.6, 0.35), "gentle": (0.35, 0.1),
    "leisurely": (0.35, 0.1), "unhurried": (0.3, 0.1), "lounged": (0.3, 0.1),
    "strolled": (0.25, 0.15),
    # English negative, high arousal
    "anxious": (-0.6, 0.8), "stressed": (-0.6, 0.75), "worried": (-0.55, 0.65),
    "frustrated": (-0.6, 0.75), "annoyed": (-0.5, 0.65), "upset": (-0.6, 0.6),
    "overwhelmed": (-0.65, 0.8), "nervous": (-0.45, 0.8), "irritated": (-0.5, 0.7),
    "restless": (-0.35, 0.75), "angry": (-0.65, 0.9), "furious": (-0.8, 0.95),
    "pissed": (-0.65, 0.9), "livid": (-0.8, 0.95), "mad": (-0.55, 0.85), "tense": (-0.45, 0.75),
    "agitated": (-0.55, 0.85), "frantic": (-0.5, 0.95), "jittery": (-0.35, 0.85),
    "fuming": (-0.7, 0.95), "enraged": (-0.8, 0.95), "outraged": (-0.7, 0.9),
    "scared": (-0.65, 0.85), "afraid": (-0.6, 0.8), "terrified": (-0.8, 0.95),
    "panicked": (-0.7, 0.95), "rattled": (-0.5, 0.8), "shaken": (-0.55, 0.75),
    "flustered": (-0.35, 0.75), "humiliated": (-0.75, 0.75), "embarrassed": (-0.5, 0.65),
    "exasperated": (-0.55, 0.75), "resentful": (-0.6, 0.6), "betrayed": (-0.75, 0.7),
    "impatient": (-0.35, 0.75), "hate": (-0.75, 0.8), "yelled": (-0.55, 0.85),
    "fought": (-0.55, 0.8), "screamed": (-0.6, 0.9), "argued": (-0.45, 0.8),
    "shouted": (-0.45, 0.85), "insulted": (-0.65, 0.75), "crazy": (-0.3, 0.85),
    "ruined": (-0.7, 0.7), "rude": (-0.5, 0.6), "ugh": (-0.35, 0.6), "worst": (-0.8, 0.7),
    # English negative, middling arousal
    "awful": (-0.75, 0.6), "terrible": (-0.75, 0.6), "bad": (-0.5, 0.4),
    "horrible": (-0.8, 0.6), "worse": (-0.55, 0.45), "miserable": (-0.85, 0.4),
    "heartbroken": (-0.85, 0.45), "hurt": (-0.6, 0.55), "sick": (-0.5, 0.3),
    "useless": (-0.65, 0.35), "stuck": (-0.35, 0.45), "rejected": (-0.65, 0.5),
    "ignored": (-0.5, 0.4), "guilty": (-0.6, 0.45), "ashamed": (-0.7, 0.45),
    "jealous": (-0.5, 0.6), "insecure": (-0.5, 0.45), "confused": (-0.3, 0.5),
    "lost": (-0.45, 0.4), "failed": (-0.6, 0.5), "cried": (-0.65, 0.55),
    "crying": (-0.65, 0.55), "disappointed": (-0.6, 0.35), "scolded": (-0.5, 0.6),
    "sore": (-0.35, 0.35), "mess": (-0.45, 0.5), "broke": (-0.4, 0.4), "late": (-0.2, 0.45),
    "missed": (-0.3, 0.4), "sad": (-0.7, 0.3), "bitter": (-0.5, 0.5),
    # English negative, low arousal
    "tired": (-0.4, 0.1), "exhausted": (-0.55, 0.2), "lonely": (-0.7, 0.2),
    "down": (-0.45, 0.15), "low": (-0.45, 0.1), "drained": (-0.55, 0.1), "bored": (-0.3, 0.05),
    "empty": (-0.7, 0.1), "gloomy": (-0.55, 0.15), "numb": (-0.6, 0.05),
    "hopeless": (-0.8, 0.25), "weary": (-0.45, 0.1), "listless": (-0.45, 0.05),
    "sluggish": (-0.3, 0.1), "defeated": (-0.65, 0.2), "deflated": (-0.5, 0.15),
    "discouraged": (-0.55, 0.2), "melancholy": (-0.55, 0.15), "hollow": (-0.6, 0.1),
    "apathetic": (-0.45, 0.05), "unmotivated": (-0.45, 0.1), "fatigued": (-0.4, 0.1),
    "depleted": (-0.5, 0.1), "isolated": (-0.6, 0.2), "neglected": (-0.6, 0.25),
    "forgotten": (-0.55, 0.2), "invisible": (-0.55, 0.2), "homesick": (-0.5, 0.25),
    "glum": (-0.5, 0.15), "lethargic": (-0.4, 0.05), "alone": (-0.5, 0.15),
    "worthless": (-0.85, 0.3), "boring": (-0.35, 0.05),
    # Pace: mostly arousal, little valence. What makes a neutral day calm or agitated.
    "busy": (-0.05, 0.75), "hectic": (-0.2, 0.85), "rushed": (-0.2, 0.8),
    "chaotic": (-0.3, 0.85), "loud": (-0.1, 0.75), "nonstop": (-0.05, 0.8),
    "packed": (0.0, 0.7), "crowded": (-0.1, 0.7), "noisy": (-0.15, 0.7), "wild": (0.1, 0.85),
    "intense": (0.0, 0.85), "urgent": (-0.1, 0.85), "wired": (0.0, 0.85),
    "buzzing": (0.1, 0.8), "caffeinated": (0.05, 0.8), "hyper": (0.05, 0.9),
    "breathless": (0.0, 0.85), "sprinted": (0.0, 0.85), "scrambled": (-0.15, 0.85),
    "hurried": (-0.1, 0.8), "dashed": (0.0, 0.8), "raced": (0.0, 0.85),
    "juggled": (-0.05, 0.75), "bolted": (0.0, 0.85), "rushing": (-0.15, 0.8),
    "quiet": (0.1, 0.1), "slow": (0.0, 0.1), "sleepy": (0.0, 0.05), "lazy": (0.05, 0.1),
    "drowsy": (0.0, 0.05), "hushed": (0.05, 0.1), "idle": (0.0, 0.1), "silent": (0.0, 0.1),
    "uneventful": (0.0, 0.1), "dozed": (0.05, 0.05), "napped": (0.15, 0.05),
    "drifted": (0.0, 0.1), "snoozed": (0.0, 0.05), "unwound": (0.3, 0.1),
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
    "existing": (-0.3, 0.2), "gone": (-0.5, 0.3), "hell": (-0.5, 0.75), "done": (-0.2, 0.5),
    # Hinglish
    "khush": (0.7, 0.55), "accha": (0.5, 0.35), "achha": (0.5, 0.35), "badhiya": (0.7, 0.5),
    "mast": (0.7, 0.65), "sukoon": (0.65, 0.05), "shanti": (0.55, 0.05), "pyaar": (0.7, 0.5),
    "maza": (0.65, 0.7), "mazaa": (0.65, 0.7), "shukr": (0.5, 0.2), "zabardast": (0.8, 0.85),
    "sahi": (0.4, 0.4), "khushi": (0.7, 0.55), "wah": (0.55, 0.7), "jeet": (0.7, 0.8),
    "aaram": (0.45, 0.05), "araam": (0.45, 0.05), "josh": (0.6, 0.9), "bindaas": (0.55, 0.6),
    "udaas": (-0.65, 0.2), "dukhi": (-0.65, 0.3), "thak": (-0.4, 0.1), "thaka": (-0.4, 0.1),
    "thaki": (-0.4, 0.1), "pareshan": (-0.6, 0.65), "gussa": (-0.65, 0.9), "bura": (-0.55, 0.45),
    "kharab": (-0.5, 0.6), "akela": (-0.6, 0.2), "akeli": (-0.6, 0.2), "tension": (-0.5, 0.7),
    "dar": (-0.6, 0.75), "darr": (-0.6, 0.75), "ghabrahat": (-0.65, 0.9), "chinta": (-0.5, 0.6),
    "rona": (-0.6, 0.55), "dard": (-0.6, 0.5), "bore": (-0.3, 0.05), "khali": (-0.55, 0.1),
    "toot": (-0.6, 0.5), "fail": (-0.6, 0.5), "daanta": (-0.5, 0.65), "jhagda": (-0.55, 0.8),
    "bekar": (-0.5, 0.4), "pagal": (-0.35, 0.8), "marna": (-0.9, 0.6), "mar": (-0.8, 0.6),
    "khatam": (-0.5, 0.45), "gayab": (-0.5, 0.25), "kaat": (-0.65, 0.65), "jala": (-0.65, 0.7),
    "daaru": (-0.35, 0.55), "nasha": (-0.5, 0.55), "tez": (-0.15, 0.8), "kaanp": (-0.55, 0.9),
    "bhaag": (-0.05, 0.85), "bhaga": (-0.05, 0.85), "hungama": (-0.2, 0.9),
    "dheere": (0.05, 0.1), "neend": (0.05, 0.05), "sust": (-0.2, 0.1),
    # "fayda" (use) only ever occurs rhetorically here: "kya fayda" = what's the point.
    "fayda": (-0.4, 0.25), "kood": (-0.5, 0.75), "awaazein": (-0.45, 0.6),
    "peecha": (-0.45, 0.7), "zeher": (-0.8, 0.75),
}

INTENSIFIERS: dict[str, float] = {
    "really": 1.4, "so": 1.35, "very": 1.35, "super": 1.45, "extremely": 1.6, "totally": 1.4,
    "incredibly": 1.55, "too": 1.25, "absolutely": 1.5, "bahut": 1.45, "bohot": 1.45,
    "ekdum": 1.5, "ekdam": 1.5, "kaafi": 1.3, "itna": 1.35, "bilkul": 1.4, "hella": 1.4,
    "seriously": 1.35, "properly": 1.3, "utterly": 1.5, "deeply": 1.4, "insanely": 1.55,
}
DIMINISHERS: dict[str, float] = {
    "bit": 0.6, "slightly": 0.6, "somewhat": 0.65, "kinda": 0.7, "little": 0.65,
    "thoda": 0.6, "thodi": 0.6, "halka": 0.6, "barely": 0.5, "mildly": 0.6, "sorta": 0.7,
    "fairly": 0.8,
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


# ----------------------------------------------------------------------------- neutral banks


def _words(text: str) -> list[str]:
    """Whitespace-separated entries; a hyphen joins the words of one entry ("post-office")."""
    return [w.replace("-", " ") for w in text.split()]


def _plural(noun: str) -> str:
    last = noun.split()[-1]
    head = noun[: len(noun) - len(last)]
    if last in _IRREGULAR_PLURAL:
        return head + _IRREGULAR_PLURAL[last]
    if last.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    if last.endswith("y") and last[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


_IRREGULAR_PLURAL = {"knife": "knives", "shelf": "shelves", "leaf": "leaves",
                     "scarf": "scarves", "loaf": "loaves", "mouse": "mice"}

# Household and everyday objects (singular; plurals are derived).
OBJECTS: list[str] = _words("""
kettle lamp umbrella charger mug bottle notebook pen pencil backpack wallet keychain sweater
jacket raincoat scarf blanket pillow mattress curtain rug doormat bucket broom mop sponge
toaster blender fridge freezer microwave oven stove spatula ladle saucepan skillet knife fork
spoon plate bowl jar lid tray cupboard drawer shelf bookshelf wardrobe hanger mirror comb
toothbrush towel bathmat shampoo soap razor hairdryer laptop keyboard mouse monitor printer
router modem tablet phone earphone headphone speaker remote television radio camera tripod
calendar planner stapler envelope parcel package stamp sticker folder binder calculator ruler
eraser sharpener highlighter marker whiteboard chalk crayon paintbrush canvas easel guitar
violin flute harmonium keyboard drum ukulele tambourine football cricket-bat racket helmet
skateboard bicycle scooter tyre pump wrench screwdriver hammer nail drill ladder toolbox
flashlight candle matchbox lighter fan heater cooler inverter extension-cord plug socket bulb
switch doorbell padlock key hinge faucet tap pipe sink bathtub shower geyser washing-machine
iron ironing-board clothesline basket laundry-bag suitcase duffel passport ticket receipt
invoice coupon voucher magazine newspaper novel comic dictionary atlas textbook cookbook
journal diary postcard map poster painting photo frame vase plant cactus succulent seedling
flowerpot watering-can hose rake shovel wheelbarrow bench hammock tent sleeping-bag thermos
lunchbox tiffin flask sandwich-box water-filter pressure-cooker tawa kadhai rolling-pin
grater sieve colander whisk chopping-board apron oven-mitt napkin tablecloth coaster placemat
candlestick clock wristwatch alarm bracelet necklace ring earring sunglasses cap beanie glove
sock slipper sandal sneaker boot belt tie kurta saree dupatta shawl hoodie tracksuit pyjama
vest shirt blouse skirt jeans shorts coat bag purse pouch tote cushion sofa couch armchair
stool chair desk table bed cot crib cradle shoe-rack bookstand lampshade doorknob window
windowsill balcony-door gate fence mailbox letterbox dustbin recycling-bin compost-bin
sprinkler mosquito-net air-purifier humidifier dehumidifier thermometer scale tape-measure
glue scissors tape string yarn needle thread button zipper patch badge medal
trophy certificate diploma résumé portfolio sketchbook puzzle jigsaw board-game chessboard
deck dice kite yo-yo marble spinning-top rattle teddy doll figurine snow-globe keepsake
souvenir postcard-stand fridge-magnet bookmark paperweight inkpot quill typewriter
gramophone cassette record turntable projector screen tripod-stand microphone webcam
charger-cable power-bank adapter hard-drive pendrive memory-card sim-card smartwatch
stepladder footstool bedsheet duvet quilt bolster pillowcase lampstand nightstand dresser
sideboard bookend filing-cabinet corkboard pinboard noticeboard clipboard paperclip
thumbtack rubber-band sellotape glue-stick protractor compass set-square slide-rule abacus
globe telescope binoculars magnifying-glass microscope stethoscope inhaler nebulizer
first-aid-kit bandage thermometer-strip hot-water-bottle ice-pack heating-pad
dumbbell kettlebell skipping-cord resistance-band foam-roller treadmill exercise-bike
water-bottle shaker-bottle lunch-bag cooler-box picnic-basket frisbee badminton-racket
shuttlecock tennis-ball cricket-ball football-boots shin-guards swimming-goggles
swim-cap flippers life-jacket surfboard fishing-rod bait-box compass-watch raincover
windcheater gumboots umbrella-stand shoehorn shoe-polish lint-roller sewing-machine
pincushion thimble measuring-tape tailor's-chalk crochet-hook knitting-needles embroidery-hoop
spice-box masala-dabba mortar pestle grinder mixer juicer chopper peeler tongs skewer
baking-tray muffin-tin cake-tin loaf-tin rolling-board steamer idli-stand dosa-tawa
milk-pan tea-strainer coffee-filter french-press moka-pot teapot teacup saucer tumbler
steel-glass water-jug pitcher decanter ice-tray soap-dish toothpaste mouthwash floss
nail-cutter tweezers hairbrush hairband hairclip bobby-pin perfume deodorant lotion
sunscreen lip-balm face-wash moisturiser shaving-cream aftershave cologne wristband
anklet bangle nose-pin locket brooch cufflink keyring lanyard id-card visiting-card
""")
OBJECTS = list(dict.fromkeys(OBJECTS))  # a few appear twice above; keep the first

FOODS: list[str] = _words("""
porridge oatmeal toast pancakes waffles omelette poha upma idli dosa uttapam paratha
aloo-paratha chole bhature rajma rice dal khichdi pulao biryani curry sambar rasam
raita curd yogurt paneer tofu noodles pasta lasagna pizza burger sandwich wrap salad soup
stew risotto ramen sushi dumplings momos samosa pakoras kachori vada pav-bhaji dhokla
thepla chapati roti naan kulcha appam puttu pongal halwa kheer jalebi gulab-jamun ladoo
barfi rasgulla payasam brownies cookies muffins croissants bagels cupcakes cheesecake
pudding custard icecream sorbet popsicles mangoes bananas apples oranges grapes guavas
papayas watermelon pineapple pomegranate lychees cherries strawberries blueberries figs dates
almonds cashews peanuts popcorn chips nachos crackers pretzels chai coffee espresso latte
cappuccino lemonade buttermilk lassi smoothie juice coconut-water kombucha cocoa
hot-chocolate green-tea masala-chai cold-coffee falooda kulfi chaat bhel-puri pani-puri
sev-puri dahi-puri corn-on-the-cob roasted-peanuts boiled-eggs egg-bhurji fried-rice
spring-rolls hakka-noodles manchurian tacos burritos quesadillas hummus falafel pita shawarma
kebabs tikka tandoori-chicken butter-chicken fish-curry prawn-fry mutton-curry egg-curry
vegetable-stew minestrone tomato-soup mushroom-soup garlic-bread bruschetta fries
avial thoran olan kootu poriyal bisibelebath puliyogare lemon-rice curd-rice tamarind-rice
misal-pav sabudana-khichdi thalipeeth zunka-bhakri litti-chokha sattu-paratha dal-baati
gatte-ki-sabzi kadhi-chawal aloo-gobi baingan-bharta bhindi-masala palak-paneer
matar-paneer malai-kofta dum-aloo chana-masala rajma-chawal macher-jhol shukto
luchi aloo-posto kosha-mangsho thukpa sel-roti pitha bebinca xacuti sorpotel
""")

# Places, used as "the {place}".
PLACES: list[str] = _words("""
pharmacy bakery library post-office bank laundromat supermarket grocery-store market
bazaar mall cinema theatre museum gallery park playground stadium gym swimming-pool
yoga-studio dance-class clinic hospital dentist salon barbershop tailor cobbler
hardware-store bookstore stationery-shop mithai-shop dhaba cafe canteen food-court
restaurant bus-stop bus-depot railway-station metro-station airport taxi-stand petrol-pump
parking-lot office coworking-space college campus hostel classroom lecture-hall lab
auditorium temple gurudwara church mosque community-hall terrace rooftop-garden
courtyard lobby reception lift stairwell basement garage balcony kitchen living-room
bedroom bathroom corridor veranda garden backyard riverbank lakeside beach promenade
boardwalk flea-market farmers-market night-market vegetable-market fish-market
electronics-shop mobile-repair-shop photocopy-shop printing-press courier-office
passport-office municipal-office registry-office police-station fire-station ward-office
polling-booth notary tuition-centre coaching-class music-school art-class pottery-class
chess-club book-club badminton-court tennis-court cricket-ground football-field
skating-rink bowling-alley arcade karaoke-bar bistro brewery juice-bar ice-cream-parlour
pastry-shop flower-shop pet-shop vet-clinic garden-centre nursery toy-store thrift-store
antique-shop record-store comic-shop hobby-store craft-fair book-fair food-festival
""")

# Neighbourhoods and cities the writers live in or travel to.
AREAS: list[str] = _words("""
Andheri Bandra Powai Thane Dadar Kurla Borivali Malad Colaba Worli Juhu Chembur Vashi
Koramangala Indiranagar Whitefield Jayanagar Malleshwaram Hebbal Yelahanka Marathahalli
Saket Dwarka Rohini Lajpat Karol Noida Gurgaon Faridabad Ghaziabad Janakpuri Pitampura
Kothrud Baner Aundh Hinjewadi Wakad Viman Hadapsar Salt-Lake Howrah Behala Dumdum
Adyar Velachery Tambaram Anna-Nagar Mylapore Guindy Gachibowli Madhapur Kukatpally
Begumpet Secunderabad Banjara Jubilee Ameerpet Pune Mumbai Delhi Bengaluru Chennai Kolkata
Hyderabad Jaipur Lucknow Indore Bhopal Nagpur Surat Vadodara Ahmedabad Kochi Mysuru
Mangaluru Goa Shimla Manali Dehradun Rishikesh Chandigarh Amritsar Ludhiana Patna Ranchi
Guwahati Shillong Bhubaneswar Vizag Coimbatore Madurai Trichy Udaipur Jodhpur Agra Varanasi
London Manchester Toronto Vancouver Sydney Melbourne Dubai Singapore Berlin Dublin Boston
Seattle Chicago Austin Auckland Nairobi Lagos Manila Jakarta Bangkok
Kharghar Panvel Mulund Ghatkopar Goregaon Kandivali Santacruz Versova Sion Matunga
Basavanagudi Banashankari Rajajinagar Yeshwanthpur Bellandur Sarjapur Electronic-City
Mayur-Vihar Vasant-Kunj Greater-Kailash Hauz-Khas Paharganj Chandni-Chowk Connaught-Place
Kalyani-Nagar Koregaon-Park Shivajinagar Deccan Camp Pimpri Chinchwad Bhosari
""")

# Relations, used as "my {relation}".
RELATIONS: list[str] = _words("""
mom dad mother father brother sister cousin aunt uncle grandma grandpa nani nana dadi
dada bhabhi jija nephew niece roommate flatmate neighbour landlord landlady manager
boss coworker colleague intern mentor professor teacher tutor classmate labmate
teammate coach doctor therapist physio dentist barber tailor driver maid cook
boyfriend girlfriend husband wife fiance partner ex friend bestie childhood-friend
senior junior client vendor accountant lawyer electrician plumber carpenter
""")

NAMES: list[str] = _words("""
Riya Arjun Neha Kabir Sam Priya Rohan Ananya Dev Maya Aditya Zoe Ishaan Tara Vikram Leah
Karan Sana Omar Meera Aarav Vivaan Reyansh Ayaan Krishna Sai Arnav Dhruv Atharv Shaurya
Anika Aadhya Saanvi Diya Pari Myra Aarohi Kiara Navya Ira Avni Siya Prisha Tanvi Nisha
Pooja Sneha Shreya Kavya Divya Ritika Simran Harpreet Gurpreet Manpreet Jaspreet Amrit
Sunil Anil Rajesh Suresh Ramesh Mahesh Ganesh Dinesh Naresh Mukesh Rakesh Vijay Ajay
Sanjay Manoj Pankaj Deepak Alok Ashok Vinod Pramod Subhash Prakash Arvind Gopal Mohan
Sohan Raju Bablu Pinky Sweety Bunty Chintu Guddu Golu Monu Sonu Tinku Lakshmi Saraswati
Parvati Radha Sita Gita Rekha Sunita Anita Kavita Savita Mamta Jyoti Preeti Neelam Seema
Farhan Imran Salman Irfan Zoya Ayesha Fatima Rukhsar Sameer Yusuf Zaid Hamza Alisha Inaya
Joseph Mary Thomas Anne Rebecca Daniel Joel Merlin Shalini Jessy Tessa Bincy Anil-Kumar
Emma Olivia Noah Liam Ava Mia Lucas Ethan Chloe Grace Ben Jack Ella Lily Ruby Max Oscar
Hugo Nina Lara Eva Marco Luca Sofia Elena Carlos Diego Lucia Mateo Yuki Kenji Mei Wei
Jin Hana Min Joon Aisha Kofi Amara Tunde Zara Nia Leo Theo Iris Jade Kai Rhea Veer Ahaan
Yash Parth Harsh Kunal Nikhil Rahul Varun Tarun Akash Vikas Sahil Mohit Rohit Sumit Amit
Ankit Ankita Nikita Payal Komal Shweta Swati Megha Pallavi Rashmi Shilpa Bhavna Charu
Esha Gauri Hema Indu Juhi Kajal Lata Madhu Nandini Ojas Pranav Qasim Rudra Shiv Uday
Vedant Wasim Yamini Zubin Bhuvan Chetan Darshan Eshwar Farida Girish Hitesh Jatin
Abhishek Abhay Akshay Amol Anand Aniket Anirudh Arpit Ashwin Bharat Chirag Devansh
Gaurav Hardik Hemant Jayesh Kartik Keshav Kishore Lalit Mayank Mihir Naveen Nitin Omkar
Pratik Rajat Rishabh Ritesh Sachin Saurabh Shashank Siddharth Sourav Tushar Utkarsh Vaibhav
Vineet Yogesh Aakriti Aparna Archana Bhavya Deepika Garima Harshita Ishita Jahnavi
Lavanya Malini Mansi Mridula Nupur Padma Poonam Rachna Radhika Sakshi Shruti Sonal Sudha
Tanya Urvashi Vandana Vidya Yashika Zeenat Arun Balaji Chandran Devi Ganesan Karthik
Kumaran Murugan Prabhu Ravi Senthil Selvi Thilak Vasanth Anjali Bindu Chitra Geetha
Hari Jayanthi Kamala Latha Mani Nalini Pavithra Revathi Sarala Uma Valli Teddy
""")
NAMES = list(dict.fromkeys(NAMES))

# Hobbies and chores as gerunds ("spent the evening {activity}").
ACTIVITIES: list[str] = _words("""
knitting baking gardening sketching painting journaling reading cycling jogging swimming
stretching meditating cooking ironing folding-laundry decluttering vacuuming dusting
sweeping repotting-plants composting birdwatching stargazing photographing blogging
podcasting coding debugging studying revising tutoring practising-scales singing humming
drumming strumming composing writing-poems translating proofreading budgeting filing-taxes
shopping window-shopping bargaining haggling commuting carpooling hiking trekking
camping fishing rowing kayaking climbing bouldering skating skateboarding rollerblading
playing-chess playing-carrom playing-ludo playing-cards solving-crosswords doing-sudoku
building-lego assembling-furniture painting-the-walls fixing-the-tap sewing embroidering
crocheting quilting pottery calligraphy origami scrapbooking woodworking tinkering
volunteering babysitting dog-walking pet-sitting tidying-up meal-prepping grocery-shopping
washing-dishes scrubbing-the-floor polishing-shoes mending-clothes watering-plants
feeding-the-birds organising-the-closet sorting-old-photos labelling-jars defrosting-the-fridge
re-caning-chairs bird-feeding kite-flying cloud-gazing
thrifting upcycling beadwork macrame terrarium-building bonsai-trimming fermenting
pickling jam-making bread-making candle-making soap-making map-reading letter-writing
sketchnoting bullet-journaling speed-reading language-learning flashcard-making
stamp-collecting coin-collecting record-collecting model-building train-spotting
""")

# Transitive verbs for errands: base form; past and -ing forms are derived.
ERRAND_VERBS: list[str] = _words("""
fix mend repair clean wash rinse dry fold iron sort pack unpack label return exchange
order buy collect deliver post print scan copy sign stamp file staple paint polish
sharpen oil tighten loosen replace install assemble dismantle move carry lift push pull
drag borrow lend rent book cancel reschedule check test measure weigh count compare
organise arrange rearrange stack hang water trim plant prune feed walk bathe groom brush
charge update reset restart format download upload install share forward
photograph frame wrap unwrap open seal lock unlock tidy dust sweep vacuum mop scrub
defrost chop slice peel grate stir boil fry roast bake grill toast steam microwave reheat
taste season marinate knead roll spread pour
""")
ERRAND_VERBS = list(dict.fromkeys(ERRAND_VERBS))

_IRREGULAR_PAST = {"buy": "bought", "lend": "lent", "hang": "hung", "sweep": "swept",
                   "feed": "fed", "grind": "ground", "spread": "spread", "put": "put",
                   "find": "found", "bring": "brought", "make": "made", "take": "took",
                   "sell": "sold", "send": "sent", "get": "got", "read": "read",
                   "reset": "reset"}
_DOUBLE_FINAL = frozenset({"mop", "scrub", "chop", "stop", "plan", "drop", "wrap", "unwrap",
                           "trim", "stir", "format", "scan", "drag", "shop", "grab", "jog",
                           "pat", "zip"})


def _past(verb: str) -> str:
    if verb in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[verb]
    if verb in _DOUBLE_FINAL:
        return verb + verb[-1] + "ed"
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return verb[:-1] + "ied"
    return verb + "ed"


def _gerund(verb: str) -> str:
    if verb in _DOUBLE_FINAL:
        return verb + verb[-1] + "ing"
    if verb.endswith("e") and not verb.endswith("ee"):
        return verb[:-1] + "ing"
    return verb + "ing"


# Neutral describing words for objects.
OBJECT_ADJECTIVES: list[str] = _words("""
old new blue red green yellow orange purple pink grey black white brown beige maroon
teal golden silver wooden metal plastic glass ceramic steel cotton woollen leather
tiny small big huge heavy light spare extra borrowed secondhand vintage antique dusty
shiny rusty chipped cracked folded rolled striped checked spotted plain printed
handmade homemade store-bought imported local cheap expensive round square long short
tall flat thick thin soft hard wobbly sturdy creaky squeaky leaky foldable portable
rechargeable waterproof ancient modern matching mismatched overfilled
ivory crimson navy olive mustard lavender turquoise coral charcoal cream khaki
bamboo brass copper marble granite clay jute linen silk denim velvet canvas rubber
enamel terracotta porcelain hand-knitted hand-painted embroidered engraved polished
laminated refurbished reusable disposable dented faded frayed patched lopsided
oversized undersized mini pocket-sized king-sized family-sized spare-room second
""")

# What people talk about.
TOPICS: list[str] = _words("""
taxes elections cricket football the-monsoon the-heatwave house-prices rent interest-rates
the-budget petrol-prices the-stock-market crypto startups layoffs hiring appraisals
exams results admissions visas passports weddings engagements baby-showers birthdays
anniversaries festivals diwali holi eid christmas onam pongal navratri durga-puja ganesh-chaturthi
summer-plans the-trip holidays recipes diets fitness sleep-schedules skincare haircuts
fashion movies web-series anime music concerts podcasts books poetry politics the-news
climate pollution traffic-rules the-metro-line potholes water-supply power-cuts
the-society-meeting parking maintenance-charges school-fees tuition coaching careers
internships side-projects freelancing investments insurance loans emis car-loans
gadgets phones laptops the-new-update apps games chess space-missions astronomy
the-cricket-league the-world-cup the-olympics the-marathon the-school-reunion
the-office-party the-housewarming the-farewell the-team-outing the-road-trip the-trek
the-new-cafe the-old-neighbourhood the-family-group-chat the-society-whatsapp-group
property-tax the-water-bill the-gas-cylinder the-monsoon-session the-new-syllabus
the-placement-season the-hackathon the-quiz-night the-book-sale the-flower-show
the-science-fair the-annual-day the-sports-day the-recital the-art-exhibition
the-film-festival the-street-play the-standup-show the-podcast-episode the-new-album
electric-cars solar-panels rainwater-harvesting composting-rules the-new-flyover
history philosophy religion astrology gardening pets adoption cooking-oil vegetables
""")

# Work and study things.
WORK_THINGS: list[str] = _words("""
report spreadsheet invoice proposal presentation slide-deck pitch demo prototype sprint
standup retro review audit timesheet expense-report budget forecast roadmap backlog
ticket bug release deployment migration dashboard survey questionnaire dataset
thesis dissertation assignment lab-report worksheet quiz viva mock-test syllabus
chapter essay case-study group-project term-paper portfolio poster abstract literature-review
""")

TRANSPORT: list[str] = _words("""
bus metro train local-train auto rickshaw cab taxi scooter bike ferry tram shuttle
""")
WEEKDAYS: list[str] = _words("monday tuesday wednesday thursday friday saturday sunday")
DAYPARTS: list[str] = _words("morning afternoon evening night")
MEALS: list[str] = _words("breakfast lunch dinner brunch tea")
BODY_PARTS: list[str] = _words("""
back neck shoulder knee ankle wrist elbow head stomach throat tooth eye foot hip
""")
WEATHER: list[str] = _words("""
drizzly humid muggy foggy breezy windy cloudy overcast stormy sticky chilly hazy misty
""")

# Every neutral bank: checked (by the tests) to carry no affect word.
NEUTRAL_BANKS: dict[str, list[str]] = {
    "object": OBJECTS, "food": FOODS, "place_n": PLACES, "area": AREAS,
    "relation": RELATIONS, "name": NAMES, "activity": ACTIVITIES,
    "errand_verb": ERRAND_VERBS, "obj_adj": OBJECT_ADJECTIVES, "topic": TOPICS,
    "work_thing": WORK_THINGS, "transport": TRANSPORT, "weekday": WEEKDAYS,
    "daypart": DAYPARTS, "meal": MEALS, "body": BODY_PARTS, "weather": WEATHER,
}


# ----------------------------------------------------------------------------- slots

SLOTS: dict[str, list[str]] = {**NEUTRAL_BANKS}
SLOTS.update({
    "objects": [_plural(o) for o in OBJECTS],
    "v_past": [_past(v) for v in ERRAND_VERBS],
    "v_ing": [_gerund(v) for v in ERRAND_VERBS],
    "v_base": ERRAND_VERBS,
    # ---- noun phrases and people
    "obj": ["{object}", "{object}", "{obj_adj} {object}", "{obj_adj} {object}",
            "{obj_adj} {obj_adj} {object}"],
    "np": ["the {obj}", "my {obj}", "the {obj}", "my {obj}", "a {obj}", "our {obj}",
           "{name}'s {obj}", "my {relation}'s {obj}", "the {obj} from {place}",
           "the {object} and the {object}", "some {objects}", "two {objects}",
           "the {objects}"],
    "place": ["the {place_n}", "the {place_n}", "the {place_n}", "the {place_n} in {area}",
              "the {place_n} near {area}", "{name}'s place", "the {place_n} near the office",
              "the new {place_n}", "the old {place_n}"],
    "someone": ["my {relation}"] * 4 + ["{name}"] * 4 + ["{name} from work",
                "{name} and {name}", "my {relation} {name}", "{name}'s {relation}",
                "our {relation}", "an old {relation}"],
    "stressor": ["the {work_thing}", "{topic}", "the {place_n} thing", "my {relation}",
                 "{name}", "work", "the {obj}", "money", "my {body}"],
    "time": ["today", "tonight", "this morning", "this {daypart}", "this week", "lately",
             "since {weekday}", "right now", "all day", "after {meal}", "before {meal}",
             "these days", "on {weekday}", "{weekday} {daypart}", "last {weekday}",
             "since last {daypart}", "this weekend", "at work", "after class",
             "on the way to {place}", "at {place}", "after the {work_thing}"],
    "Time": ["Today", "This morning", "Yesterday", "On {weekday}", "After work", "Tonight",
             "This {daypart}", "Last {weekday}", "After {meal}", "Before {meal}",
             "Around noon", "Late at night", "Early on {weekday}"],
    # ---- compositional events
    "errand": ["{v_past} {np}", "{v_past} {np}", "{v_past} {np} for {someone}",
               "{v_past} {np} at {place}", "went to {place}", "went to {place} with {someone}",
               "met {someone} at {place}", "spent an hour {activity}",
               "spent the {daypart} {activity}", "tried {activity} with {someone}",
               "had {food} at {place}", "made {food} for {meal}", "cooked {food}",
               "talked to {someone} about {topic}", "took the {transport} to {place}",
               "picked up {np} from {place}", "dropped {someone} at {place}",
               "finished the {work_thing}", "worked on the {work_thing}",
               "sat through a meeting about the {work_thing}", "read about {topic}",
               "watched something about {topic}", "called {someone}",
               "helped {someone} with the {obj}", "looked for {np}",
               "queued at {place} for {np}", "carried {np} up the stairs"],
    "pos_event": ["{errand} and it went well", "got good news about the {work_thing}",
                  "{someone} surprised me with {food}, so sweet", "finished the {work_thing} early",
                  "found {np} after weeks of looking, so glad", "won a small prize at {place}",
                  "got promoted", "passed the {work_thing}", "had {food} with {someone}",
                  "{someone} said the {work_thing} was {pos_plain}",
                  "met {someone} after ages", "hugged {someone} at {place}",
                  "finally {v_past} {np}", "laughed with {someone} at {place}",
                  "got my first paycheck", "{someone} called just to talk, felt loved",
                  "celebrated {topic} with {someone}", "slept eight hours"],
    "neg_event": ["missed the {transport}", "lost {np}", "broke {np}", "forgot {np} at {place}",
                  "failed the {work_thing}", "got yelled at by {someone}",
                  "fought with {someone}", "{someone} ignored me at {place}",
                  "the {work_thing} got rejected", "the {obj} broke again",
                  "the {transport} was late again", "spilled {food} on {np}",
                  "{someone} cancelled on me", "got scolded about the {work_thing}",
                  "missed the deadline for the {work_thing}", "my {body} hurt since {weekday}",
                  "waited two hours at {place}", "nobody replied about the {work_thing}",
                  "{someone} took credit for the {work_thing}", "the {place_n} was closed",
                  "paid too much for {np}", "my {obj} stopped working"],
    "neutral_event": ["{errand}"],
    # ---- pace: arousal carried by words, with little valence
    "pace": ["", "", "", "", "", ", {pace_hi}", ", {pace_hi}", ", {pace_lo}", ", {pace_lo}"],
    "pace_hi": ["{m}{hi_adj} {daypart}", "everything was {hi_adj}",
                "the {place_n} was {hi_adj}", "{hi_verb} to {place}",
                "{hi_verb} between the {work_thing} and the {obj}", "a {hi_adj} one",
                "{hi_adj} and {hi_adj}", "{hi_verb} all {daypart}"],
    "pace_lo": ["{m}{lo_adj} {daypart}", "everything felt {lo_adj}", "the {place_n} was {lo_adj}",
                "{lo_verb} most of the {daypart}", "a {lo_adj} one", "{lo_adj} and {lo_adj}",
                "{lo_verb} on the {obj}", "{weather} and {lo_adj}"],
    "hi_adj": ["busy", "hectic", "rushed", "chaotic", "loud", "nonstop", "packed", "crowded",
               "noisy", "wild", "intense", "urgent", "wired", "buzzing", "caffeinated",
               "hyper", "breathless", "rushing"],
    "hi_verb": ["sprinted", "scrambled", "hurried", "dashed", "raced", "juggled", "bolted",
                "rushed"],
    "lo_adj": ["quiet", "slow", "sleepy", "lazy", "drowsy", "hushed", "idle", "silent",
               "uneventful", "mellow", "calm", "peaceful", "leisurely", "unhurried", "gentle"],
    "lo_verb": ["dozed", "napped", "drifted", "snoozed", "unwound", "lounged", "strolled"],
    # ---- affect words
    "m": [""] * 6 + ["really ", "so ", "very ", "super ", "extremely ", "totally ",
                     "a bit ", "kinda ", "slightly ", "a little ", "somewhat ", "seriously ",
                     "fairly ", "sorta ", "deeply "],
    "mi": ["really ", "so ", "very ", "super ", "extremely ", "incredibly ", "absolutely ",
           "insanely ", "utterly "],
    "pos": ["{pos_hi}", "{pos_mid}", "{pos_mid}", "{pos_lo}"],
    "pos_plain": ["good", "great", "brilliant", "perfect", "wonderful", "amazing", "lovely"],
    "pos_hi": ["excited", "thrilled", "ecstatic", "elated", "pumped", "stoked", "overjoyed",
               "giddy", "energized", "motivated", "delighted", "euphoric", "hyped", "psyched",
               "triumphant", "enthusiastic", "inspired", "amazed", "proud"],
    "pos_mid": ["happy", "great", "good", "glad", "cheerful", "lovely", "wonderful", "nice",
                "pleased", "joyful", "blessed", "loved", "lucky", "optimistic", "confident",
                "appreciated", "fine", "okay", "brilliant", "productive", "accomplished",
                "capable", "understood", "hopeful", "awesome", "fantastic", "amazing"],
    "pos_lo": ["calm", "relaxed", "peaceful", "content", "serene", "cozy", "grateful",
               "relieved", "mellow", "rested", "settled", "comfortable", "safe", "soothed",
               "tranquil", "satisfied", "thankful", "fulfilled", "unbothered", "carefree",
               "grounded", "refreshed"],
    "neg": ["{neg_hi}", "{neg_mid}", "{neg_lo}", "{neg_lo}"],
    "neg_hi": ["anxious", "stressed", "worried", "frustrated", "annoyed", "upset",
               "overwhelmed", "nervous", "irritated", "restless", "tense", "agitated",
               "jittery", "rattled", "shaken", "flustered", "embarrassed", "impatient",
               "scared"],
    "neg_mid": ["miserable", "heartbroken", "hurt", "sick", "useless", "stuck", "rejected",
                "ignored", "guilty", "ashamed", "jealous", "insecure", "confused", "lost",
                "disappointed", "bitter", "awful", "terrible", "bad", "sad"],
    "neg_lo": ["tired", "exhausted", "lonely", "down", "low", "drained", "bored", "empty",
               "gloomy", "numb", "weary", "listless", "sluggish", "defeated", "deflated",
               "discouraged", "melancholy", "hollow", "apathetic", "unmotivated", "fatigued",
               "depleted", "isolated", "neglected", "forgotten", "invisible", "homesick",
               "glum", "lethargic", "alone"],
    "ang": ["angry", "furious", "pissed", "livid", "mad", "fuming", "enraged", "outraged",
            "agitated", "exasperated", "resentful", "betrayed", "annoyed", "irritated"],
    "distress": ["hopeless", "worthless", "lonely", "anxious", "empty", "miserable", "numb",
                 "scared", "overwhelmed", "stressed", "sad", "down", "useless", "drained",
                 "defeated", "isolated", "tense", "guilty", "exhausted", "restless"],
    "pre": [""] * 12 + ["honestly ", "ugh ", "lol ", "tbh ", "idk ", "man, ", "okay so ",
                        "ngl ", "well, ", "hmm ", "sigh, ", "bro ", "so yeah ", "guess what, ",
                        "update: ", "quick one, ", "not gonna lie, ", "anyway ", "also ",
                        "btw ", "note to self: ", "dear diary, ", "fine, ", "listen, ",
                        # also crisis openers (c_pre_x): said by everyone, about anything
                        "hey ", "um ", "ok so ", "so ", "yeah so ", "well ", "i think ",
                        "sorry but ", "it's late and ", "real talk, ", "{name}, "],
    "suf": [""] * 12 + [" lol", " haha", " tbh", " ngl", "...", " fr", " i guess",
                        " again", " :)", " :(", " smh", " whatever", " for real", " idk",
                        " as usual", " of course", " i think", " somehow", " anyway",
                        " apparently", " oh well", " as always", " no idea why",
                        " go figure",
                        # also crisis closers (c_suf_x): everyday words must not mark a
                        # crisis ("nobody gets it", "i mean it" stay the crisis texts' own)
                        " honestly", " sorry"],
    # ---- Hinglish building blocks (English nouns are code-mixed in freely)
    "mh": [""] * 6 + ["bahut ", "bohot ", "ekdum ", "kaafi ", "itna ", "thoda ", "thodi ",
                      "halka "],
    "mhi": ["bahut ", "bohot ", "ekdum ", "itna ", "bilkul ", "kaafi "],
    "pos_h": ["khush", "accha", "badhiya", "mast", "relaxed", "happy", "achha", "zabardast",
              "sahi", "calm", "proud", "excited", "grateful", "bindaas", "peaceful",
              "thrilled", "relieved", "content", "motivated"],
    "neg_h": ["udaas", "dukhi", "thaka", "thaki", "pareshan", "akela", "akeli", "bura", "bekaar",
              "tired", "stressed", "low", "bored", "lonely", "down", "khali khali", "upset",
              "drained", "anxious", "nervous", "numb", "frustrated"],
    "ang_h": ["gussa", "pagal", "irritated", "frustrated", "pissed", "angry", "furious"],
    "time_h": ["aaj", "aaj raat", "subah se", "kal se", "is hafte", "aajkal", "abhi",
               "poore din", "office ke baad", "lunch ke baad", "kuch dino se", "weekend pe",
               "raat bhar", "college mein", "{weekday} ko", "{weekday} se", "{meal_h} ke baad",
               "{meal_h} se pehle", "{place_h} mein", "kal {daypart}"],
    "person_h": ["boss", "mummy", "papa", "bhai", "didi", "roommate", "dost", "manager",
                 "landlord", "bf", "gf", "team lead", "padosi", "sir", "client", "{name}",
                 "{name}", "{name}", "chachu", "mama", "bua", "mausi", "{relation}"],
    "thing_h": ["traffic", "meeting", "deadline", "wifi", "exam", "baarish", "light", "kaam",
                "assignment", "metro", "garmi", "laptop", "project", "interview", "kiraya",
                "{work_thing}", "{object}", "{object}", "{transport}"],
    "pos_event_h": ["exam clear ho gaya", "dosto ke saath dinner kiya", "mummy ka call aaya",
                    "lambi walk pe gaya", "naya {food} banaya", "match jeet gaye",
                    "promotion mil gaya", "{name} se mila bahut time baad", "salary aa gayi",
                    "{work_thing} khatam kiya", "family ke saath movie dekhi",
                    "boss ne {work_thing} ki tareef ki", "baarish mein chai pi",
                    "achhi neend aayi", "{place_h} mein {food} khaya", "naya {object} liya",
                    "{person_h} ne {food} bheja", "{work_thing} approve ho gaya"],
    "neg_event_h": ["{transport} miss ho gayi", "{person_h} se jhagda hua",
                    "{work_thing} mein fail ho gaya", "{object} kho gaya",
                    "{person_h} ne daanta", "kaam ka dher lag gaya", "laptop crash ho gaya",
                    "{work_thing} reject ho gaya", "deadline miss ho gayi",
                    "meeting mein kisi ne suna nahi", "sirf do ghante soya",
                    "sabke saamne daant padi", "{object} toot gaya", "{transport} phir late thi",
                    "kisi ne reply nahi kiya", "kiraya badh gaya", "{place_h} band tha",
                    "{body} mein dard hai {weekday} se"],
    "neutral_event_h": ["office gaya", "{transport} li", "{person_h} ke saath chai pi",
                        "kapde dhoye", "ghar pe call kiya", "{place_h} tak gaya",
                        "{food} banaya", "kuch emails kiye", "do meetings mein baitha",
                        "{topic} pe documentary dekhi", "kamra saaf kiya", "gym gaya",
                        "thoda padha", "bijli ka bill bhara", "chhoti si neend li",
                        "sabzi mangwayi", "{object} {v_past_h}", "{place_h} se {object} laya",
                        "{person_h} se {topic} ke baare mein baat ki",
                        "{work_thing} pe kaam kiya", "{food} khaya {place_h} mein",
                        "{home_event_h}", "{home_event_h}", "{home_event_h}",
                        "{home_event_h}", "{home_event_h}", "{home_event_h}"],
    "place_h": ["{place_n}", "{place_n}", "{area}", "{name} ke ghar"],
    # Hinglish names its meals in Hindi as often as in English ("nashte ke baad").
    "meal_h": ["{meal}", "{meal}", "nashte", "khane", "raat ke khane", "dopahar ke khane"],
    # Everyday life said with Hindi verbs: the banks above code-mix English nouns into a few
    # Hindi frames, so a plain Hindi sentence about breakfast or chores was unlike anything
    # the model saw labelled none, and its crisis head scored such sentences as crises
    # (docs/crisis.md). Written as general vocabulary, not from the probe suite.
    "home_event_h": ["nashta kiya", "nashte mein {food} khaya", "ghar ka khana khaya",
                     "bahar se {food} mangwaya", "{food} ke saath chai pi", "bartan dhoye",
                     "jhaadu lagaya", "kapde sukhaye", "balcony ke gamlon mein paani daala",
                     "kirane ka saaman laaya", "doodh lene gaya", "der se utha",
                     "jaldi so gaya", "mandir gaya", "park mein walk ki",
                     "mere pasand ke gaane sune",
                     "{person_h} ko {place_h} chhod ke aaya", "{person_h} ko video call kiya",
                     "{person_h} ke saath carrom khela", "mere bachpan ki photos dekhi",
                     "{topic} pe podcast suna", "{object} repair karwaya",
                     "{person_h} ke liye {food} banaya", "bachchon ko homework karwaya",
                     "{person_h} ke ghar khana khaya", "naha ke taiyaar hua",
                     "{food} ke liye line mein khada raha", "ghar ki safai ki",
                     "{person_h} ne {food} banaya, maine do baar liya",
                     "washing machine chalayi", "bijli waale ko bulaya",
                     "{place_h} tak paidal gaya", "chhat pe baitha thodi der"],
    "v_past_h": ["theek kiya", "saaf kiya", "order kiya", "return kiya", "pack kiya",
                 "dhoya", "laga diya", "dhoondha", "kharida", "badla"],
    "pace_h": ["", "", "", "", ", {hi_adj} din tha", ", bhaag daud chal rahi thi",
               ", poora din hungama", ", {lo_adj} din tha", ", sab dheere dheere chala",
               ", aaram se din gaya"],
    "pre_h": [""] * 10 + ["yaar ", "sach mein ", "bhai ", "arre ", "uff ", "matlab ",
                          "accha sun, ", "pata nahi, ", "chal ", "haan toh ", "suno ",
                          "waise ", "dekho ",
                          # also crisis openers (c_pre_hx)
                          "bas ", "sorry par ", "ab ", "{name}, ", "sun, ", "honestly ",
                          "raat ke {c_clock_h} baj rahe hain, "],
    "suf_h": [""] * 10 + [" yaar", " lol", " bhai", "...", " sach mein", " kya karu",
                          " haha", " pata nahi kyun", " bas", " hai na", " :(", " :)",
                          " hamesha ki tarah", " phir se", " kya hi bolu",
                          # also crisis closers (c_suf_hx)
                          " pata nahi", " ab", " sorry", " {time_h}", " koi baat nahi"],
})

# Templates per category and language. Short ones stay within 2-12 words (longer draws are
# retried by the composer); every one has several slots, so verbatim repeats are rare.
TEMPLATES: dict[str, dict[str, list[str]]] = {
    "positive": {
        "en": ["{pre}feeling {m}{pos} {time}{suf}", "{pre}{time} was {m}{pos}{pace}{suf}",
               "{pre}{pos_event} and feeling {m}{pos}{suf}", "{pre}{pos_event}, {m}{pos} day{suf}",
               "{pre}so {pos} that I {errand}{suf}", "{pre}{m}{pos} after I {errand}{suf}",
               "{pre}{pos_event} {time}{suf}", "{pre}honestly {m}{pos} {time}{pace}",
               "{pre}{time} I feel {m}{pos} and {pos}{suf}",
               "{pre}{someone} made me feel {m}{pos}{suf}",
               "{pre}{m}{pos} about the {work_thing}{suf}",
               "{pre}{pos_event}. {m}{pos}{suf}", "{pre}best part of {time}: {pos_event}",
               "{pre}{errand} and felt {m}{pos}{pace}{suf}",
               "{pre}{m}{pos} {time}, {errand}{suf}", "{pre}the {obj} made me {m}{pos}{suf}"],
        "hinglish": ["{pre_h}aaj {mh}{pos_h} feel ho raha hai{suf_h}",
                     "{pre_h}{time_h} {mh}{pos_h} lag raha hai{pace_h}{suf_h}",
                     "{pre_h}{pos_event_h}, {mh}{pos_h} hoon{suf_h}",
                     "{pre_h}{pos_event_h} aur mood {mh}{pos_h} hai{suf_h}",
                     "{pre_h}{time_h} din {mh}{pos_h} tha{pace_h}{suf_h}",
                     "{pre_h}{pos_event_h}, maza aa gaya{suf_h}",
                     "{pre_h}dil se {pos_h} hoon {time_h}{suf_h}",
                     "{pre_h}{pos_event_h}, sukoon mila{suf_h}",
                     "{pre_h}{person_h} ki wajah se {mh}{pos_h} hoon{suf_h}"],
    },
    "negative": {
        "en": ["{pre}feeling {m}{neg} {time}{suf}", "{pre}{neg_event}, {m}{neg}{suf}",
               "{pre}{time} has been {m}{neg}{pace}{suf}", "{pre}{neg_event} {time}{suf}",
               "{pre}why am I always so {neg}{suf}",
               "{pre}{m}{neg} after {someone} left{suf}",
               "{pre}{neg_event} and now {m}{neg}{suf}", "{pre}just {m}{neg} and {neg}{suf}",
               "{pre}nothing feels good {time}{suf}", "{pre}{neg_event}. {m}{neg}{suf}",
               "{pre}{time} I feel {m}{neg}{pace}{suf}",
               "{pre}{m}{neg} about the {work_thing}{suf}",
               "{pre}{errand} and still felt {m}{neg}{suf}",
               "{pre}{someone} makes me feel {m}{neg}{suf}",
               "{pre}{m}{neg} {time}, {neg_event}{suf}"],
        "hinglish": ["{pre_h}aaj {mh}{neg_h} feel ho raha hai{suf_h}",
                     "{pre_h}{time_h} {mh}{neg_h} hoon{pace_h}{suf_h}",
                     "{pre_h}{neg_event_h}, {mh}{neg_h} lag raha hai{suf_h}",
                     "{pre_h}kuch accha nahi lag raha {time_h}{suf_h}",
                     "{pre_h}{neg_event_h} aur mood {mh}kharab hai{suf_h}",
                     "{pre_h}{time_h} {mh}thak gaya yaar, kuch accha nahi lag raha",
                     "{pre_h}{time_h} se {mh}{neg_h} hoon{suf_h}",
                     "{pre_h}{neg_event_h}, din bekaar gaya{suf_h}",
                     "{pre_h}mann {mh}{neg_h} hai{suf_h}",
                     "{pre_h}{person_h} ki wajah se {mh}{neg_h} hoon{suf_h}"],
    },
    "neutral": {
        "en": ["{pre}{neutral_event} {time}{pace}{suf}",
               "{pre}{neutral_event}, nothing special{suf}",
               "{pre}{pos_event} but {neg_event}{suf}",
               "{pre}{neutral_event} and {neutral_event}{suf}",
               "{pre}mixed day, {pos_event} but {neg_event}",
               "{pre}{time}: {neutral_event}{pace}{suf}",
               "{pre}{Time} I {neutral_event}{pace}{suf}",
               "{pre}need to {v_base} {np} {time}{suf}",
               "{pre}still {v_ing} {np}{pace}{suf}",
               "{pre}thinking about {topic} {time}{suf}",
               "{pre}{someone} keeps talking about {topic}{suf}"],
        "hinglish": ["{pre_h}{time_h} {neutral_event_h}{pace_h}{suf_h}",
                     "{pre_h}{neutral_event_h}, aur kuch khaas nahi{suf_h}",
                     "{pre_h}{pos_event_h} par {neg_event_h}{suf_h}",
                     "{pre_h}{neutral_event_h} phir {neutral_event_h}{pace_h}",
                     "{pre_h}{time_h} {topic} ke baare mein soch raha tha{suf_h}"],
    },
    "sarcasm": {
        "en": ["{pre}oh great, {neg_event} {time}", "{pre}{neg_event}. just perfect{suf}",
               "{pre}{neg_event}, love that for me{suf}",
               "{pre}yeah right, like {time} will be {pos}",
               "{pre}oh wonderful, {neg_event} again", "{pre}{neg_event}, just what i needed",
               "{pre}what a fantastic {time2}, {neg_event}", "{pre}{neg_event}. so much fun{suf}",
               "{pre}oh great, {mi}{pos} to be me{suf}", "{pre}yeah right, {someone} is {m}{pos}"],
        "hinglish": ["{pre_h}wah kya baat hai, {neg_event_h}",
                     "{pre_h}{neg_event_h}, wah kya baat hai",
                     "{pre_h}{neg_event_h}. just perfect{suf_h}",
                     "{pre_h}{neg_event_h}, kya kismat hai {mhi}badhiya",
                     "{pre_h}oh great, {neg_event_h} {time_h}",
                     "{pre_h}{neg_event_h}, love that for me{suf_h}"],
    },
    "profanity": {
        "en": ["{pre}this damn {thing} is killing me{suf}",
               "{pre}{thing} is so fucking annoying{suf}",
               "{pre}what a shitty {time2}{suf}", "{pre}bloody {thing} again{suf}",
               "{pre}wtf is this {thing}{suf}", "{pre}{thing} can go to hell{suf}",
               "{pre}damn {thing}, {m}{ang}{suf}", "{pre}this {thing} is crap {time}{suf}",
               "{pre}shit, {neg_event}{suf}", "{pre}{someone} is a damn mess {time}",
               "{pre}fucking {thing} at {place} again{suf}"],
        "hinglish": ["{pre_h}saala kya bakwaas din tha{suf_h}",
                     "{pre_h}yeh {thing_h} ne dimag kharab kar diya{suf_h}",
                     "{pre_h}bc {thing_h} phir se{suf_h}",
                     "{pre_h}kya bakwaas hai yaar, {thing_h} phir se{suf_h}",
                     "{pre_h}saala {thing_h} {time_h} bhi{suf_h}",
                     "{pre_h}ghatiya {thing_h}, {mh}gussa aa raha hai",
                     "{pre_h}{person_h} kamina hai bc{suf_h}",
                     "{pre_h}bakwaas {thing_h}, {neg_event_h}"],
    },
    "negated": {
        "en": ["{pre}not {distress} anymore{suf}", "{pre}I'm not {distress} {time}{suf}",
               "{pre}no longer feeling {distress}{suf}",
               "{pre}not as {distress} as {weekday}{suf}",
               "{pre}didn't feel {distress} {time}, finally",
               "{pre}{time} I was not {distress}{suf}",
               "{pre}never thought I'd say it but not {distress} {time}",
               "{pre}for once not {m}{distress}{suf}",
               "{pre}{errand} and wasn't {distress} at all{suf}"],
        "hinglish": ["{pre_h}ab utna {neg_h} nahi lag raha{suf_h}",
                     "{pre_h}aaj {neg_h} feel nahi hua{suf_h}",
                     "{pre_h}{time_h} {neg_h} nahi hoon, finally",
                     "{pre_h}ab tension nahi hai {time_h}{suf_h}",
                     "{pre_h}pehle jaisa {neg_h} nahi hoon{suf_h}"],
    },
    "vent": {
        "en": ["{pre}I am so {ang} at {someone}{suf}", "{pre}{someone} is driving me crazy",
               "{pre}so done with {someone} {time}", "{pre}{m}{ang} about the {thing}",
               "{pre}I hate this {thing} so much", "{pre}{mi}{ang} at {someone} right now",
               "{pre}{someone} {neg_event2} and I am {mi}{ang}",
               "{pre}can't stand {someone} {time}, so {ang}",
               "{pre}{mi}{ang}, {someone} {neg_event2}{suf}"],
        "hinglish": ["{pre_h}{person_h} pe {mhi}gussa aa raha hai",
                     "{pre_h}{person_h} ne pagal kar diya hai{suf_h}",
                     "{pre_h}{mhi}{ang_h} hoon {thing_h} ki wajah se",
                     "{pre_h}{person_h} se {mhi}irritated hoon {time_h}",
                     "{pre_h}is {thing_h} se nafrat hai, {mhi}gussa"],
    },
}

# Extra slots the templates above reference.
SLOTS.update({
    "thing": ["traffic", "meeting", "deadline", "commute", "wifi", "exam", "rain",
              "power cut", "queue", "heat", "internet", "noise", "{work_thing}", "{object}",
              "{transport}", "{work_thing}", "{object}"],
    "vanish": ["disappear", "vanish", "stop existing", "fade away", "sleep forever",
               "not wake up", "disappear forever", "vanish {time}"],
    "people": ["everyone", "my family", "my friends", "my parents", "everyone around me",
               "my {relation}", "{name}", "my {relation} and {name}"],
    "people_h": ["sab", "ghar waale", "dost", "mummy papa", "{name}", "{person_h}"],
    "when": ["tonight", "after midnight", "tomorrow morning", "before sunrise", "this weekend",
             "in an hour", "once everyone sleeps", "on {weekday}", "after {meal}",
             "before {name} gets home"],
    "when_h": ["aaj raat", "kal subah", "sab so jayenge tab", "ek ghante mein", "abhi",
               "{weekday} ko", "{meal_h} ke baad"],
    "high_place": ["bridge", "bridge", "bridge", "roof", "terrace", "flyover", "building", "ledge",
                   "cliff", "overpass", "tower", "water tank"],
    "limb": ["arm", "wrist", "thigh", "leg", "hand", "forearm", "stomach", "shoulder"],
    "limb_h": ["haath", "kalai", "pair", "arm", "wrist"],
    "hot_thing": ["lighter", "cigarette", "hot spoon", "candle", "match", "iron"],
    "drink": ["vodka", "whisky", "rum", "beer", "wine", "gin", "cough syrup", "sleeping pills"],
    "watch_thing": ["walls", "window", "mirror", "tv", "laptop camera", "phone", "ceiling fan",
                    "radio", "smoke detector"],
    "room": ["room", "bedroom", "kitchen", "bathroom", "office", "hostel room", "car"],
    "time2": ["day", "morning", "week", "commute", "shift", "evening", "{weekday}",
              "{meal}", "trip to {place}"],
    "neg_event2": ["yelled at me again", "ignored me all day", "took credit for my work",
                   "cancelled on me again", "insulted me in front of everyone",
                   "made me redo the {work_thing}", "lied about the {work_thing}",
                   "broke my {obj} and laughed", "blamed me for the {work_thing}"],
})

# Padding sentences for medium/long texts: context that carries little affect.
CONTEXT: dict[str, list[str]] = {
    "en": ["{Time} I {neutral_event} and then {neutral_event}.",
           "Not much else happened, I {neutral_event} and went to bed late.",
           "In the morning I {neutral_event}, then I {neutral_event} before {meal}.",
           "Later {someone} called and we talked about {topic} for a while.",
           "The {work_thing} took most of the {daypart}{pace}.",
           "I keep thinking about {topic} and what comes next.",
           "After that I {neutral_event} because there was nothing else to do.",
           "{Time} was {weather}, so I {neutral_event}.",
           "{someone} wants to {v_base} {np} before {weekday}.",
           "We still have to {v_base} {np} and {v_base} {np}.",
           "The {place_n} near {area} had {objects} on sale.",
           "{name} told me about {topic} over {food}.",
           "{Time} the {transport} to {area} was {hi_adj}.",
           "{Time} the {place_n} was {lo_adj}, so I {neutral_event}.",
           "I spent a while {activity} and then {neutral_event}.",
           "Tomorrow I have to {v_base} {np} and call {someone}.",
           "There is a {obj} on my desk that I should {v_base}.",
           "{someone} asked me about the {work_thing} again."],
    "hinglish": ["{time_h} {neutral_event_h}, phir {neutral_event_h}.",
                 "aur kuch khaas nahi hua, {neutral_event_h} aur der se soya.",
                 "subah {neutral_event_h}, phir {meal_h} se pehle {neutral_event_h}.",
                 "baad mein {person_h} ka call aaya aur {topic} ke baare mein baat hui.",
                 "{thing_h} mein hi aadha din nikal gaya{pace_h}.",
                 "{topic} ke baare mein sochta rehta hoon aajkal.",
                 "{place_h} mein {objects} sale pe the.",
                 "kal {object} {v_past_h}, aaj {neutral_event_h}.",
                 "{name} ne {food} ke saath {topic} ki baat ki.",
                 "{meal_h} mein {food} bana tha, sabne aaram se khaya.",
                 "{person_h} aur main {place_h} gaye the, wahan {food} khaya.",
                 "ghar aake {neutral_event_h} aur thodi der {topic} ke baare mein padha.",
                 "{weekday} ko {person_h} ka birthday hai, gift dhoondhna hai.",
                 "kal {daypart} {person_h} aaye the, der tak baatein hui.",
                 "{place_h} mein bahut bheed thi, isliye {neutral_event_h}.",
                 "bahar {weather} tha toh ghar pe hi {neutral_event_h}.",
                 "raat ko {topic} pe ek video dekha aur so gaya.",
                 "subah jaldi uthke {neutral_event_h}, phir {neutral_event_h}.",
                 "{meal_h} ke baad {neutral_event_h} aur {neutral_event_h}.",
                 "{person_h} ne phone karke {topic} ke baare mein poocha."],
}

CRISIS_TYPES_GENERATED: tuple[str, ...] = (
    "passive_ideation", "immediate_harm", "self_harm", "substance", "panic", "psychotic",
)
# Relative prevalence of crisis types among crisis items: uniform, so every type has enough
# train rows to learn from (>= 250 at default params). Passive ideation still ends up a little
# ahead, since annotators confuse several other types with it.
CRISIS_TYPE_WEIGHTS: tuple[float, ...] = (1.0, 1.0, 1.0, 1.0, 1.0, 1.0)

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


# ----------------------------------------------------------------------------- crisis grammar

# Each crisis type is a small grammar of independent slots - method, plan, time, farewell,
# euphemism, slang, first person or reported (someone else NOW is a crisis to review; someone
# else's PAST is not: see the hard negatives below), recent past or present - in English and in
# romanized Hinglish, so that no fixed phrase carries a type: every family has several ways to
# say the same thing and each slot several fillers, giving hundreds of distinct surface forms per
# type and language. Typos and Hinglish spelling variants (nahi/nahin/nai, mujhe/mjhe) are
# applied afterwards by the generator to every text of a writer alike (`SPELLING_VARIANTS`), so
# spelling says nothing about the label either.
#
# Reported frames are written once with gender markers and expanded to both genders:
# <she> <her_o> <her_p> <herself> (English) and <mera> <mere> <raha> <jayega> <dega> <chahta>
# <gaya> (Hinglish); {REL} becomes a relation of that gender.
_GENDER_EN = {
    "f": {"<she>": "she", "<her_o>": "her", "<her_p>": "her", "<herself>": "herself",
          "{REL}": "{rel_f}"},
    "m": {"<she>": "he", "<her_o>": "him", "<her_p>": "his", "<herself>": "himself",
          "{REL}": "{rel_m}"},
}
_GENDER_HI = {
    "f": {"<mera>": "meri", "<mere>": "meri", "<raha>": "rahi", "<jayega>": "jayegi",
          "<dega>": "degi", "<chahta>": "chahti", "<gaya>": "gayi", "{REL}": "{rel_hf}",
          "{c_says_h}": "{c_says_hf}"},
    "m": {"<mera>": "mera", "<mere>": "mere", "<raha>": "raha", "<jayega>": "jayega",
          "<dega>": "dega", "<chahta>": "chahta", "<gaya>": "gaya", "{REL}": "{rel_hm}",
          "{c_says_h}": "{c_says_hm}"},
}


def _gendered(frames: list[str], table: dict[str, dict[str, str]]) -> list[str]:
    out = []
    for forms in table.values():
        for frame in frames:
            for marker, word in forms.items():
                frame = frame.replace(marker, word)
            out.append(frame)
    return out


SLOTS.update({
    # ---- shared English pieces
    # A third of crisis openers/closers are the writer's everyday ones (idiolect included), so
    # neither marks nor fillers set crisis texts apart.
    "c_pre": ["{pre}", "{c_pre_x}", "{c_pre_x}"],
    "c_pre_x": [""] * 12 + ["honestly ", "idk ", "ok so ", "i think ", "not gonna lie, ",
                            "sorry but ", "it's late and ", "real talk, ",
                            "no one reads this but ", "{name}, ", "so ", "yeah so ", "ngl ",
                            "hey ", "um ", "well "],
    "c_suf": ["{suf}", "{c_suf_x}", "{c_suf_x}"],
    "c_suf_x": [""] * 12 + [" honestly", "...", " sorry", " for real", " idk", " tbh",
                            " nobody gets it", " i'm done", " i mean it", " not joking",
                            " whatever", " i guess", " again", " :(", " fr", " ngl"],
    "c_lead": [""] * 60 + ["so {distress}, ", "{neg_event}, ", "after {neg_event}, ",
                           "it's {c_clock} and ", "ok, ", "{neg_event} and now ",
                           "another {distress} day, ", "can't explain it but "],
    "c_clock": ["2am", "3 am", "past midnight", "4am", "late", "almost morning", "1:30"],
    "c_soon": ["tonight"] * 4 + [
        "in an hour", "in like an hour", "after work", "after my shift", "when everyone sleeps",
        "once everyone is asleep", "before sunrise", "before morning", "this weekend",
        "on {weekday}", "after {meal}", "at midnight", "at 2am", "at 3 am", "in a few hours",
        "today", "right after this", "before {name} gets home", "when my {relation} leaves",
        "after the {work_thing}", "this {daypart}", "later tonight", "soon", "in a bit",
        "after I post this", "once it's dark", "by morning", "tonight for sure"],
    "c_soon_opt": [""] * 3 + [" {c_soon}"] * 4,
    "c_recent": ["last night"] * 3 + [
        "yesterday", "this morning", "an hour ago", "earlier tonight", "just now", "again today",
        "on {weekday}", "after {meal}", "at {place}", "after {neg_event}", "a few minutes ago",
        "twice this week", "in the bathroom at work", "after everyone slept",
        "after {someone} yelled at me", "{weekday} night", "before {meal}",
        "after the {work_thing}"],
    "c_recent_opt": [""] * 3 + [" {c_recent}"] * 4,
    "c_recent3": ["tonight", "tonight", "an hour ago", "just now", "this evening",
                  "a few minutes ago", "after {meal}", "at the hostel"],
    "c_often": ["lately", "every night", "most nights", "these days", "all the time", "again",
                "since {weekday}", "every day this week", "for weeks now", "for months",
                "since {neg_event}", "{time}", "{time}"],
    "c_says": ["says", "says", "just texted that", "told me", "messaged me that",
               "just called, says", "posted that", "keeps saying", "just said",
               "texted me that", "called crying, says"],
    "rel_f": ["sister", "roommate", "friend", "cousin", "girlfriend", "mom", "flatmate", "wife",
              "classmate", "colleague", "best friend", "daughter", "aunt", "neighbour",
              "labmate", "junior"],
    "rel_m": ["brother", "roommate", "friend", "cousin", "boyfriend", "dad", "flatmate",
              "husband", "classmate", "colleague", "best friend", "son", "uncle", "neighbour",
              "labmate", "junior"],
    "c_pills": ["pills", "pills", "pills", "tablets", "sleeping pills", "{c_med}", "painkillers",
                "meds"],
    "c_med": ["sleeping pills", "paracetamol", "my anxiety meds", "xanax", "painkillers",
              "my mom's sleeping pills", "antidepressants", "tramadol", "my dad's heart pills",
              "codeine", "benzos"],
    # ---- immediate harm: plan, means, time, farewell
    "ih_core": [
        "I have the {ih_means} ready{c_soon_opt}", "got the {ih_means} ready for {c_soon}",
        "the {ih_thing} is ready{c_soon_opt}", "the {ih_things} are ready{c_soon_opt}",
        "{ih_night}", "{ih_night}", "{ih_night}",
        "I've written the note{ih_note_tail}", "wrote the note{ih_note_tail}",
        "the note is on my {ih_furniture}", "left a note for {people}",
        "finished my goodbye letters{ih_note_tail}", "wrote goodbye notes for {people}",
        "bought {ih_buy}{c_recent_opt}", "went and bought {ih_buy} for {c_soon}",
        "I bought {ih_buy}, {c_soon} it ends",
        "going to the {high_place} {ih_after}", "I'm going to the {high_place} {ih_after}",
        "heading to the {high_place} {ih_after}, not coming back",
        "driving to the {high_place} {ih_after}",
        "{ih_will} {ih_act} {c_soon}", "{ih_will} {ih_act} {c_soon}", "{ih_will} {ih_act}",
        "{c_soon} {ih_will} {ih_act}",
        "counted out {ih_count} {c_pills}", "{ih_count} {c_pills} lined up on the {ih_furniture}",
        "saved up {c_pills} for weeks, {c_soon} I take them all",
        "been saving {c_pills} and {c_soon} is when",
        "standing on the {high_place} right now", "I'm on the {high_place} now",
        "sitting on the edge of the {high_place}", "at the {high_place} now, {ih_fare}",
        "{ih_fare}", "{ih_fare}", "{ih_fare}, {c_soon} it ends",
        "it all ends {c_soon}", "{c_soon} it ends", "{c_soon} I'm done for good",
        "nobody is going to stop me {c_soon}", "made up my mind, {c_soon}",
        "I've decided, it's {c_soon}", "I have a plan and it's {c_soon}",
        "{ih_reported}", "{ih_reported}", "{ih_reported}", "{ih_reported}"],
    "ih_means": ["pills", "pills", "sleeping pills", "tablets", "rope", "noose", "blade",
                 "poison", "rat poison", "whole strip", "two strips of {c_med}",
                 "bottle of {c_med}", "stash of {c_med}", "pills and the {drink}"],
    "ih_thing": ["rope", "noose", "blade", "poison", "bottle", "strip", "note", "plan"],
    "ih_things": ["pills", "tablets", "sleeping pills", "letters", "painkillers"],
    "ih_night": ["tonight is the night", "tonight's the night", "today is the day",
                 "this is the night", "{weekday} is the day", "tonight is the night, I'm sure",
                 "it's tonight", "tonight's the last night", "this is my last night",
                 "this is my last {daypart}", "last night of my life", "today's the day",
                 "tonight is it"],
    "ih_note_tail": ["", "", " for {people}", ", it's on my {ih_furniture}",
                     " and put it on my {ih_furniture}", ", {c_soon} is the night",
                     " for {name}", ", it's done"],
    "ih_furniture": ["desk", "pillow", "bed", "table", "fridge", "mirror", "laptop", "door"],
    "ih_buy": ["rope", "a rope", "rat poison", "a new blade", "two strips of sleeping pills",
               "three packs of paracetamol", "pesticide", "enough pills",
               "a bottle of {c_med}", "enough sleeping pills", "a rope and a stool"],
    "ih_after": ["after work", "after my shift", "tonight", "once it's dark", "after {meal}",
                 "on {weekday}", "after everyone sleeps", "in an hour", "after class",
                 "right now", "after the {work_thing}", "at midnight"],
    "ih_will": ["I'm going to", "I'm gonna", "going to", "gonna", "I will", "I'll",
                "I'm finally going to", "I've decided to", "I'm planning to", "I'm about to",
                "about to", "it's time to", "I'm ready to", "I am going to"],
    "ih_act": ["kill myself", "kill myself", "end it", "end my life", "end it all",
               "take all the {c_pills}", "swallow all of them", "jump", "jump off the {high_place}",
               "hang myself", "overdose", "take my own life", "finish this", "do it",
               "go through with it", "take every pill in the house", "drink the poison",
               "stop being alive"],
    "ih_count": ["forty", "thirty", "fifty", "all my", "twenty", "sixty", "a hundred",
                 "both strips of", "every one of the"],
    "ih_fare": ["this is goodbye", "goodbye forever {people}", "sorry {people}, I love you",
                "tell {name} I'm sorry", "I won't be here tomorrow", "this is my last post",
                "thanks for everything, bye", "gave away my {object}, won't need it",
                "deleted everything, won't be around after {c_soon}",
                "please look after my {c_pet}", "tell my {relation} it wasn't their fault",
                "won't be around after {c_soon}", "goodbye, it was never your fault"],
    "c_pet": ["cat", "dog", "plants", "fish", "parrot", "rabbit"],
    "ih_reported": _gendered([
        "my {REL} {c_says} <she> took a whole strip of pills {c_recent3}",
        "my {REL} {c_says} <she> swallowed a bottle of {c_med} {c_recent3}",
        "my {REL} {c_says} <she> has the rope ready",
        "my {REL} is on the {high_place} and won't come down",
        "my {REL} {c_says} <she> is going to jump {c_soon}",
        "my {REL} {c_says} <she> is going to end it {c_soon}",
        "my {REL} wrote a goodbye note and won't pick up",
        "my {REL} {c_says} <she> bought {ih_buy} and turned off <her_p> phone",
        "my {REL} took all of <her_p> {c_pills} {c_recent3}",
        "my {REL} {c_says} <she> is going to kill <herself> {c_soon}",
        "my {REL} {c_says} <she> is standing on the {high_place} right now",
        "my {REL} took something {c_recent3} and won't wake up properly",
        "my {REL} said goodbye to everyone {c_recent3} and is not answering"], _GENDER_EN),
    # ---- passive ideation: wish not to be, burden, no point, tired of living
    "pi_core": ["{pi_wish}", "{pi_wish}", "{pi_point}", "{pi_tired}", "{pi_burden}",
                "{pi_wish}{pi_tail}", "{pi_burden}",
                "{pi_burden}{pi_tail}", "{pi_point}", "{pi_point}{pi_tail}", "{pi_tired}",
                "{pi_tired}{pi_tail}", "{pi_feel}, {pi_point}", "{pi_feel}, {pi_wish}",
                "{pi_feel}, {pi_burden}", "{pi_reported}", "{pi_reported}", "{pi_reported}",
                "{pi_dead}", "{pi_dead}{pi_tail}", "{pi_feel}, {pi_dead}", "{pi_thoughts}",
                "{pi_thoughts}{pi_tail}", "{pi_thoughts}"],
    # Two ways screening instruments ask about it, said in the first person: PHQ-9 item 9
    # ("thoughts that you would be better off dead") and C-SSRS's wish to be dead and
    # non-specific active thoughts (thoughts of killing oneself without method, intent or plan:
    # not imminent, so passive ideation here; a method, plan or time is immediate harm).
    "pi_dead": ["I'd be better off dead", "maybe I'd be better off dead",
                "I'd honestly be better off dead",
                "everyone says it gets better but I'd rather be dead",
                "I'd rather be dead than keep doing this", "being dead sounds easier than this",
                "death would be a relief at this point",
                "I think about how peaceful being dead would be",
                "I envy people who get to die", "part of me wants to be dead"],
    "pi_thoughts": ["I keep having thoughts of killing myself", "the suicidal thoughts are back",
                    "I've been thinking about suicide {c_often}",
                    "I think about killing myself {c_often}",
                    "I keep thinking about ending my life, no plan, just the thought",
                    "can't get the thought of ending it out of my head",
                    "the thoughts of suicide won't leave me alone",
                    "thinking about dying {c_often}", "I think about ending it {c_often}",
                    "suicidal again {c_often}"],
    "pi_wish": ["I wish I could {vanish}", "wish I could just {vanish}",
                "I hope I don't wake up {c_tomorrow}", "kinda hoping I don't wake up {c_tomorrow}",
                "wouldn't mind not waking up {c_tomorrow}", "I don't want to wake up {c_tomorrow}",
                "I just want to disappear", "I want to stop existing",
                "I don't want to be here anymore", "I don't want to be alive anymore",
                "wish I'd never been born", "wish I could fall asleep and never wake up",
                "sometimes I wish a {transport} would hit me",
                "wouldn't care if I died {c_tomorrow}", "it would be easier if I wasn't here",
                "I wish I was dead", "I want everything to stop",
                "I keep wishing I could just not exist", "I pray I don't wake up {c_tomorrow}",
                "part of me wants to just {vanish}"],
    "c_tomorrow": ["tomorrow", "tomorrow", "in the morning", "tomorrow morning", "ever again",
                   "again", "on {weekday}"],
    "pi_burden": ["I'm a burden to {people}", "I'm just a burden",
                  "{people} would be better off without me",
                  "everyone would be happier if I was gone",
                  "{people} would be fine if I disappeared", "nobody would miss me",
                  "nobody would notice if I was gone",
                  "nobody at {place} would notice if I was gone",
                  "I'm just dead weight for {people}", "I ruin everything for {people}",
                  "{people} deserve better than me", "the world would be lighter without me",
                  "{people} would be relieved if I was gone"],
    "pi_point": ["what's the point of living", "what's the point of any of this",
                 "what is even the point anymore", "there's no point in going on",
                 "why am I even alive", "why do I keep waking up", "life is pointless",
                 "nothing matters anymore", "I can't see a future for myself",
                 "no reason to keep going", "can't think of one reason to stay",
                 "living feels pointless", "what's the point of waking up", "why bother living"],
    "pi_tired": ["tired of existing", "so tired of being alive", "I'm done with life",
                 "can't keep living like this", "tired of waking up every day",
                 "exhausted of being me", "I'm so tired of living",
                 "done pretending I want to be here", "I don't see myself getting old"],
    "pi_tail": [" {c_often}", ", {c_often}", " and I'm {m}{pi_distress}", ", feeling {pi_distress}",
                " after {neg_event}", ", not that anyone cares", " {time}",
                ", not going to do anything, just tired"],
    # Passive ideation is a low-arousal state: hopeless and drained rather than anxious.
    "pi_distress": ["hopeless", "worthless", "empty", "numb", "exhausted", "drained", "lonely",
                    "defeated", "hollow", "useless", "down", "sad", "tired", "invisible",
                    "isolated", "miserable"],
    "pi_feel": ["so {pi_distress}", "feeling {m}{pi_distress} {time}",
                "{neg_event} and I'm {pi_distress}",
                "everything feels heavy", "I feel so {pi_distress}", "another {m}{pi_distress} day",
                "{neg_event}"],
    "pi_reported": _gendered([
        "my {REL} {c_says} <she> wants to disappear",
        "my {REL} {c_says} <she> doesn't want to wake up anymore",
        "my {REL} {c_says} <she> wishes <she> was dead",
        "my {REL} {c_says} <she> is a burden to everyone",
        "my {REL} {c_says} <she> doesn't see the point of living",
        "my {REL} {c_says} <she> is tired of existing",
        "my {REL} {c_says} everyone would be better off without <her_o>",
        "my {REL} {c_says} <she> doesn't want to be alive",
        "my {REL} keeps wishing <she> could just vanish"], _GENDER_EN),
    # ---- self harm: cutting, burning, hitting; relapse; hiding; urges
    "sh_core": ["{sh_act}{c_recent_opt}", "{sh_act}{c_recent_opt}", "{sh_act} {c_recent}, {sh_why}",
                "{sh_act}, {sh_why}", "{sh_relapse}", "{sh_relapse}", "{sh_hide}", "{sh_hide}",
                "{sh_urge}", "{sh_urge}", "{sh_urge}, {sh_why}", "{sh_reported}", "{sh_reported}",
                "{sh_reported}"],
    "sh_act": ["cut my {limb} again", "cut myself again", "cut deeper than usual",
               "burned my {limb} with a {hot_thing}", "hit myself till it bruised",
               "punched the wall until my knuckles split", "banged my head against the wall",
               "scratched my {limb} till it bled", "carved into my {limb}",
               "hurt myself on purpose", "made myself bleed", "used the blade again",
               "took the razor to my {limb}", "cut my {limb}",
               "burned myself with a {hot_thing}",
               "hit my {limb} with a {sh_object} till it bruised",
               "I cut again", "I burned my {limb} again"],
    "sh_object": ["belt", "hairbrush", "ruler", "shoe", "steel glass"],
    "sh_why": ["only thing that helps with {stressor}", "just to feel something",
               "it's the only way I calm down", "because of {stressor}", "couldn't stop myself",
               "I deserved it", "it made the noise stop", "didn't even hurt", "so {distress}",
               "after {neg_event}"],
    "sh_relapse": ["relapsed{c_recent_opt}", "relapsed after {sh_streak} clean",
                   "broke my {sh_streak_a} streak, cut again", "back to cutting",
                   "I'm cutting again", "the streak is over, I hurt myself again",
                   "relapsed {c_recent}, {sh_streak} gone",
                   "{sh_streak} clean and I ruined it {c_recent}"],
    "sh_streak": ["three months", "two weeks", "forty days", "a month", "six weeks", "100 days",
                  "two months", "five months", "ten days", "a year"],
    "sh_streak_a": ["three month", "two week", "forty day", "one month", "six week", "100 day",
                    "five month"],
    "sh_hide": ["hiding the scars from {someone}",
                "wearing full sleeves so {someone} won't see the cuts",
                "long sleeves in this heat to hide my {limb}",
                "told {someone} the cat scratched me",
                "lied to {someone} about the burns on my {limb}",
                "have to hide the fresh cuts before {sh_event}",
                "my {relation} almost saw the cuts on my {limb}",
                "bandaged my {limb} so nobody sees",
                "can't wear short sleeves because of the scars", "hiding blades in my {object}"],
    "sh_event": ["the wedding", "the trip", "swimming class", "{weekday}", "the family dinner",
                 "the doctor visit", "the gym"],
    "sh_urge": ["the urge to cut is so strong {time}", "I really want to cut {time}",
                "can't stop thinking about the blade", "I need to hurt myself",
                "want to burn myself again", "the urges are back",
                "fighting the urge to cut {time}", "only the blade makes it stop",
                "I keep looking at the blade", "I want to hurt myself so bad {time}",
                "the need to cut won't go away", "itching to cut again"],
    "sh_reported": _gendered([
        "my {REL} is cutting again, saw fresh cuts on <her_p> {limb}",
        "found blades in my {REL}'s room {c_recent}",
        "my {REL} {c_says} <she> cut <herself> again {c_recent3}",
        "my {REL} {c_says} <she> burned <her_p> {limb} with a {hot_thing} {c_recent3}",
        "my {REL} {c_says} <she> can't stop cutting",
        "my {REL} is hurting <herself> again and hides it",
        "my {REL} {c_says} <she> relapsed and cut again {c_recent3}",
        "my {REL} hides the cuts on <her_p> {limb}"], _GENDER_EN),
    # ---- substance: overdose risk, blackout, mixing, coping, can't stop
    "sub_core": ["{sub_od}", "{sub_od}", "{sub_black}", "{sub_black}", "{sub_cope}", "{sub_cope}",
                 "{sub_cope}", "{sub_stop}", "{sub_stop}", "{sub_od}, {sub_care}",
                 "{sub_cope}, {sub_care}", "{sub_reported}", "{sub_reported}", "{sub_reported}"],
    "sub_od": ["took way too many {c_pills}{c_recent_opt}", "not sure how many {c_pills} I took",
               "took a handful of {c_pills} with {drink}",
               "mixed {drink} and {c_pills}{c_recent_opt}",
               "double dosed my {c_med}{c_recent_opt}", "I don't care if I OD",
               "took the whole bottle of {c_med}", "keep taking more {c_pills} to feel something",
               "popped {c_pills} on top of {drink} {c_recent}",
               "took {sub_drug} and {drink} together, heart feels weird"],
    "sub_black": ["blacked out again{c_recent_opt}",
                  "woke up at {place} with no idea how I got there",
                  "don't remember how I got home {c_recent}",
                  "blackout drunk for the {sub_nth} night in a row",
                  "lost the whole night again, blacked out",
                  "woke up on the floor again after {drink}",
                  "can't remember anything from {c_recent}"],
    "sub_nth": ["third", "fourth", "fifth", "second"],
    "sub_cope": ["drinking to cope with {stressor}", "can't sleep without {drink}",
                 "need a drink just to get through the {daypart}",
                 "getting high every day just to feel numb", "smoking up to forget {stressor}",
                 "drinking alone again {time}", "only {sub_drug} makes it quiet",
                 "using again just to feel numb", "finished a bottle of {drink} alone {c_recent}",
                 "drunk every night {c_often}", "need {sub_drug} to stop feeling {neg}",
                 "{sub_drug} is the only thing getting me through {stressor}"],
    "sub_stop": ["can't stop drinking", "I can't stop using", "tried to quit {sub_drug} but can't",
                 "used again after promising {someone}", "spent my rent on {sub_drug}",
                 "hiding bottles from {someone}", "started drinking in the morning now",
                 "I keep saying last time and buying more {sub_drug}",
                 "I'm shaking if I don't drink", "can't go a day without {sub_drug}"],
    "sub_care": ["whatever happens happens", "don't care anymore", "I know it's bad",
                 "can't stop", "nobody knows", "it's getting worse"],
    "sub_drug": ["weed", "coke", "molly", "MD", "ganja", "charas", "xanax", "codeine syrup",
                 "benzos", "alcohol", "the pills", "vodka", "{drink}"],
    "sub_reported": _gendered([
        "my {REL} {c_says} <she> mixed {drink} and {c_pills} {c_recent3}",
        "my {REL} can't stop drinking and {c_says} <she> doesn't care",
        "my {REL} has been drinking since morning and won't stop",
        "my {REL} {c_says} <she> blacked out again {c_recent3}",
        "my {REL} is using again, {c_says} <she> can't quit",
        "my {REL} took too many {c_pills} at the party {c_recent3}",
        "my {REL} is passed out after mixing {drink} and {c_pills}"], _GENDER_EN),
    # ---- panic: breath, heart, fear of dying, shaking, numbness
    "pan_core": ["{pan_sym}", "{pan_sym}", "{pan_attack}", "{pan_fear}",
                 "{pan_sym}{pan_where_opt}", "{pan_sym}{pan_where_opt}", "{pan_sym} and {pan_sym}",
                 "{pan_sym}, {pan_fear}", "{pan_sym}, {pan_fear}", "{pan_attack} {pan_where}",
                 "{pan_attack}, {pan_sym}", "{pan_fear}{pan_where_opt}", "{pan_sym}, {pan_help}",
                 "{pan_attack}, {pan_help}", "{pan_reported}", "{pan_reported}", "{pan_past}",
                 "{pan_past}"],
    # Told afterwards as often as while it happens.
    "pan_past": ["had a panic attack {pan_where_past}, {pan_sym_past}",
                 "{pan_sym_past} {pan_where_past}, {pan_fear_past}",
                 "had another attack {c_recent}, {pan_sym_past}",
                 "{pan_sym_past} and {pan_fear_past}",
                 "the panic hit {pan_where_past}, {pan_fear_past}"],
    "pan_where_past": ["at {place}", "on the {transport}", "in the middle of the {work_thing}",
                       "out of nowhere", "before the {work_thing}", "in the middle of the night",
                       "{c_recent}"],
    "pan_sym_past": ["couldn't breathe", "my heart was pounding", "my hands went numb",
                     "I was shaking all over", "my chest got so tight", "felt like I was choking",
                     "everything was spinning", "I couldn't get enough air"],
    "pan_fear_past": ["thought I was dying", "I was sure it was a heart attack",
                      "thought I'd pass out", "felt like I was losing my mind",
                      "I thought my heart would stop"],
    "pan_sym": ["can't breathe", "I can't breathe", "can't catch my breath",
                "my chest is so tight", "my heart is pounding", "heart racing like crazy",
                "my heart won't slow down", "my hands are shaking", "I can't stop shaking",
                "my hands are numb", "my fingers are tingling and numb",
                "my throat feels like it's closing", "I'm shaking all over",
                "everything is blurry and spinning", "I'm so dizzy", "sweating and shaking",
                "my legs feel like jelly", "heart pounding out of my chest",
                "can't get enough air", "feels like I'm suffocating",
                "chest pain and my heart is racing"],
    "pan_fear": ["I think I'm dying", "I feel like I'm going to die",
                 "I think I'm having a heart attack", "I'm going to pass out",
                 "I'm going to lose control", "I feel like I'm going crazy",
                 "something is really wrong with me", "I'm scared I'll faint",
                 "I think my heart will stop"],
    "pan_attack": ["having a panic attack", "another panic attack", "panic attack again",
                   "I'm having an attack right now", "third panic attack this week",
                   "full blown panic attack", "the panic came back"],
    "pan_where": ["{time}", "at {place}", "on the {transport}", "in the middle of the {work_thing}",
                  "out of nowhere", "for no reason", "and I'm alone", "at {place} and can't leave",
                  "in the bathroom at work", "before the {work_thing}",
                  "in the {transport} to {area}", "in the middle of the night"],
    "pan_where_opt": [""] * 2 + [" {pan_where}"] * 3,
    "pan_help": ["what do I do", "please help", "someone talk to me", "make it stop",
                 "it won't stop", "I can't calm down", "how do I make it stop", "help"],
    "pan_reported": _gendered([
        "my {REL} is hyperventilating and {c_says} <she> can't breathe",
        "my {REL} is shaking and can't breathe right now",
        "my {REL} thinks <she> is having a heart attack, <her_p> hands are numb",
        "my {REL} is having a panic attack {pan_where}",
        "my {REL} {c_says} <she> is dying, heart racing, can't breathe"], _GENDER_EN),
    # ---- psychotic: voices, watched/followed/poisoned, inserted thoughts, messages
    "psy_core": ["{psy_voice}", "{psy_voice}", "{psy_watch}", "{psy_watch}", "{psy_poison}",
                 "{psy_thought}", "{psy_msg}", "{psy_msg}", "{psy_any}, {psy_tail}",
                 "{psy_any}, {psy_tail}", "{psy_reported}", "{psy_reported}"],
    "psy_any": ["{psy_voice}", "{psy_watch}", "{psy_poison}", "{psy_thought}", "{psy_msg}"],
    "psy_voice": ["the voices are back {time}", "the voices keep telling me {voice_msg}",
                  "I'm hearing voices again", "someone keeps talking inside my head",
                  "the voices say {voice_msg}", "I hear {name}'s voice when no one is there",
                  "the voice in the {room} says {voice_msg}",
                  "I hear whispering in the {room} when nobody is there",
                  "the voices won't stop {time}"],
    "psy_watch": ["someone is watching me through the {watch_thing}",
                  "they're following me from {place}", "the same car followed me home again",
                  "they put cameras in my {room}", "the neighbours are spying on me",
                  "my phone is tapped, they hear everything",
                  "people on the {transport} are following me",
                  "they are tracking me through my {watch_thing}",
                  "{someone} is spying on me for them",
                  "there's a man outside who follows me everywhere"],
    "psy_poison": ["they're poisoning my {food}", "someone put something in my water",
                   "{someone} is putting poison in my {food}",
                   "I stopped eating because the {food} is poisoned", "the tap water is poisoned",
                   "they're mixing poison in my tea"],
    "psy_thought": ["someone is putting thoughts in my head", "these thoughts are not mine",
                    "they can read my mind", "my thoughts are being broadcast",
                    "someone took my thoughts out of my head", "they control what I think",
                    "someone else is thinking inside my head"],
    "psy_msg": ["the news anchor is talking to me", "the TV is sending me messages",
                "every song on the radio is about me", "the ads are coded messages for me",
                "number plates are signs meant for me", "the {watch_thing} is sending me messages",
                "the TV knows what I'm thinking",
                "the newspaper had a secret message for me {time}"],
    "psy_tail": ["{time}", "and I'm scared", "and nobody believes me", "I know it's real",
                 "I'm not crazy", "I can't tell anyone", "so scared", "they're everywhere",
                 "I haven't slept in days"],
    "voice_msg": ["I'm worthless", "to stop eating", "to hurt {someone}", "not to trust {someone}",
                  "they're coming for me", "to stay awake", "everyone is lying",
                  "I'm being watched", "to run", "that I deserve it"],
    "psy_reported": _gendered([
        "my {REL} {c_says} the neighbours are poisoning <her_p> food",
        "my {REL} {c_says} the TV is talking to <her_o>",
        "my {REL} hears voices again and won't sleep",
        "my {REL} {c_says} someone is following <her_o> from work",
        "my {REL} {c_says} there are cameras in <her_p> room",
        "my {REL} {c_says} <she> is being watched through the {watch_thing}",
        "my {REL} thinks someone is putting thoughts in <her_p> head"], _GENDER_EN),

    # ---- shared Hinglish pieces
    "c_pre_h": ["{pre_h}", "{c_pre_hx}", "{c_pre_hx}"],
    "c_pre_hx": [""] * 8 + ["yaar ", "sach mein ", "pata nahi, ", "bas ", "sorry par ", "ab ",
                            "{name}, ", "kisi ko mat batana, ", "sun, ", "dekho ", "honestly ",
                            "raat ke {c_clock_h} baj rahe hain, "],
    "c_suf_h": ["{suf_h}", "{c_suf_hx}", "{c_suf_hx}"],
    "c_suf_hx": [""] * 8 + [" yaar", "...", " bas", " pata nahi", " kya karu", " sach mein",
                            " ab", " sorry", " {time_h}", " kisi ko mat batana", " mazak nahi hai",
                            " koi nahi samjhega"],
    "c_lead_h": [""] * 30 + ["{neg_event_h}, ", "{neg_h} hoon, ", "{neg_event_h} aur ab ",
                             "ab aur nahi hota, ", "theek hai, "],
    "c_clock_h": ["do", "teen", "chaar", "dedh", "ek"],
    "c_soon_h": ["aaj raat"] * 4 + [
        "aaj raat ko", "ek ghante mein", "office ke baad", "sab so jayenge tab",
        "subah hone se pehle", "kal subah", "abhi", "thodi der mein", "{weekday} ko",
        "{meal_h} ke baad", "raat 2 baje", "aaj hi", "shift ke baad", "college ke baad",
        "sabke sone ke baad", "aaj"],
    "c_soon_h_opt": [""] * 3 + [", {c_soon_h}"] * 3,
    "c_recent_h": ["kal raat", "kal raat", "aaj subah", "abhi abhi", "ek ghanta pehle", "phir se",
                   "{weekday} ko", "{meal_h} ke baad", "raat ko", "kal", "is hafte do baar",
                   "office ke bathroom mein"],
    "c_recent_h_opt": [""] * 3 + [" {c_recent_h}"] * 3,
    "c_often_h": ["aajkal", "roz raat", "har din", "kuch dino se", "kab se", "hafton se",
                  "{time_h}"],
    "g_dunga": ["dunga", "dungi"], "g_lunga": ["lunga", "lungi"], "g_jaunga": ["jaunga", "jaungi"],
    "g_gaya": ["gaya", "gayi"], "g_raha": ["raha", "rahi"], "g_aaya": ["aaya", "aayi"],
    "g_hota": ["hota", "hoti"], "g_chahta": ["chahta", "chahti"],
    "g_sochta": ["sochta", "sochti"],
    "g_karunga": ["karunga", "karungi"], "g_peeta": ["peeta", "peeti"],
    "g_pehenta": ["pehenta", "pehenti"], "g_sota": ["sota", "soti"],
    "rel_hf": ["behen", "dost", "roommate", "cousin", "girlfriend", "flatmate", "colleague",
               "didi", "mummy", "bestie"],
    "rel_hm": ["bhai", "dost", "roommate", "cousin", "boyfriend", "flatmate", "colleague",
               "chachu", "papa", "bestie"],
    "c_says_hm": ["keh raha hai ki", "bol raha hai", "ne abhi msg kiya ki", "ne call pe bola",
                  "ka msg aaya ki"],
    "c_says_hf": ["keh rahi hai ki", "bol rahi hai", "ne abhi msg kiya ki", "ne call pe bola",
                  "ka msg aaya ki"],
    "high_place_h": ["bridge", "chhat", "terrace", "flyover", "building", "tower", "pul"],
    "ih_after_h": ["office ke baad", "raat ko", "aaj raat", "andhera hone pe", "{meal_h} ke baad",
                   "{weekday} ko", "abhi"],
    "ih_core_h": [
        "{c_soon_h} sab khatam kar {g_dunga}", "sab khatam kar {g_dunga} {c_soon_h}",
        "{c_soon_h} khud ko khatam kar {g_lunga}", "pills ready hain{c_soon_h_opt}",
        "goliyan jama kar li hain{c_soon_h_opt}", "poori strip ready hai{c_soon_h_opt}",
        "rassi le {g_aaya} hoon", "rassi khareed li {c_recent_h}",
        "note likh diya hai {people_h} ke liye", "suicide note likh liya hai",
        "{high_place_h} pe ja {g_raha} hoon {ih_after_h}, wapas nahi aana",
        "{high_place_h} se kood {g_jaunga} {c_soon_h}", "aaj ki raat aakhri hai",
        "{c_soon_h} hi karna hai, decide kar liya", "bas {c_soon_h} tak, phir sab khatam",
        "zeher le {g_aaya} hoon", "zeher pi {g_lunga} {c_soon_h}", "marne ka plan ready hai",
        "ab aur nahi jeena, {c_soon_h} {g_karunga}", "hamesha ke liye alvida {people_h}",
        "sorry {people_h}, main ja {g_raha} hoon hamesha ke liye",
        "{people_h} ko bol dena sorry", "kal ka sooraj nahi dekhna mujhe",
        "{c_soon_h} khud ko maar {g_dunga}", "saari goliyan ek saath kha {g_lunga} {c_soon_h}",
        "{c_soon_h} marna hai bas, sab tay hai", "ye mera aakhri message hai",
        "{ih_reported_h}", "{ih_reported_h}", "{ih_reported_h}"],
    "ih_reported_h": _gendered([
        "<mera> {REL} {c_says_h} usne poori strip kha li",
        "<mera> {REL} {c_says_h} wo {c_soon_h} kood <jayega>",
        "<mera> {REL} {c_says_h} wo {c_soon_h} sab khatam kar <dega>",
        "<mera> {REL} {c_says_h} usne goodbye note likh diya hai",
        "<mera> {REL} {high_place_h} pe hai aur neeche nahi aa <raha>",
        "<mera> {REL} {c_says_h} usne {c_med} ki poori bottle le li"], _GENDER_HI),
    "pi_core_h": [
        "{pi_h}", "{pi_h}", "{pi_h}", "{pi_h}", "{pi_h}", "{pi_h}, {c_often_h}",
        "{pi_h} {c_often_h}",
        "{neg_h} hoon, {pi_h}", "{neg_event_h}, {pi_h}", "{pi_h}, {pi_tail_h}", "{pi_reported_h}",
        "{pi_reported_h}", "{pi_dead_h}", "{pi_dead_h}, {pi_tail_h}", "{pi_thoughts_h}",
        "{pi_thoughts_h}, {pi_tail_h}"],
    # PHQ-9 item 9 as its Hindi version puts it (mar jaana behtar), and C-SSRS's thoughts
    # without a plan, as people write them in romanized Hinglish.
    "pi_dead_h": ["mar jaana hi behtar lagta hai", "main mar jaun toh sab ke liye behtar hai",
                  "mere marne se {people_h} ka kuch nahi bigdega",
                  "mar {g_gaya} toh accha hi hoga", "isse accha toh mar hi jaun",
                  "marna aasaan lagta hai is sab se", "mujhse accha toh marna hai"],
    "pi_thoughts_h": ["suicide ke khayal aate hain {c_often_h}",
                      "khud ko khatam karne ke khayal aa rahe hain",
                      "{c_often_h} marne ke baare mein {g_sochta} hoon",
                      "marne ke khayal dimaag se nahi jaate",
                      "plan kuch nahi hai, bas marne ke khayal aate hain",
                      "suicide ka khayal phir se aaya",
                      "{c_often_h} khud ko khatam karne ka {g_sochta} hoon"],
    "pi_h": [
        "kya fayda hai jeene ka", "jeene ka koi matlab nahi", "jeene ka mann nahi karta",
        "kaash {c_tomorrow_h} subah uthu hi na", "kaash neend mein hi mar jaun",
        "kaash main paida hi na {g_hota}", "main {people_h} pe bojh hoon",
        "{people_h} ko mere bina accha rahega", "mere bina {people_h} khush rahenge",
        "gayab ho jana {g_chahta} hoon", "kabhi kabhi lagta hai mar jaun",
        "marne ka mann karta hai", "zindagi se thak {g_gaya} hoon",
        "{people_h} ko farak nahi padega agar main na rahu", "bas sab ruk jaye",
        "koi wajah nahi bachi jeene ki", "{people_h} ko meri zaroorat nahi",
        "jee ke kya karna hai", "mujhe ab jeena hi nahi hai", "{c_tomorrow_h} uthna hi nahi hai",
        "main na rahu toh {people_h} ka bhala hoga", "kaash sab kuch bas khatam ho jaye",
        "kaash {transport} hi mujhe uda de", "sab ki life mere bina aasaan hogi",
        "roz uthna ek saza lagta hai", "main bas ek bojh hoon {people_h} ke liye"],
    "c_tomorrow_h": ["", "kal", "kal subah", "phir se", "{weekday} ko"],
    "pi_tail_h": ["koi nahi samajhta", "bas thak {g_gaya} hoon", "sach mein", "kisi ko kya farak",
                  "ab himmat nahi hai", "kuch karunga nahi, bas thak {g_gaya} hoon",
                  "{neg_event_h} phir se"],
    "pi_reported_h": _gendered([
        "<mera> {REL} {c_says_h} use ab jeena nahi hai",
        "<mera> {REL} {c_says_h} wo sab pe bojh hai",
        "<mera> {REL} {c_says_h} wo gayab ho jana <chahta> hai",
        "<mera> {REL} {c_says_h} jeene ka koi fayda nahi"], _GENDER_HI),
    "limb_h2": ["{limb_h}", "{limb_h}", "pet", "jaangh", "baazu"],
    "hot_thing_h": ["lighter", "cigarette", "garam chammach", "matchstick", "press"],
    "sh_streak_h": ["teen mahine", "do hafte", "chalis din", "ek mahine", "chheh hafte",
                    "100 din", "ek saal"],
    "sh_core_h": [
        "phir se {limb_h2} kaat liya{c_recent_h_opt}",
        "blade se {limb_h2} pe cut kiya {c_recent_h}",
        "khud ko hurt kiya {c_recent_h}", "cigarette se {limb_h2} jalaya{c_recent_h_opt}",
        "{hot_thing_h} se {limb_h2} jala diya", "deewar pe sar mara jab tak khoon nahi aaya",
        "{sh_streak_h} baad relapse ho gaya", "cutting phir shuru ho gayi",
        "kaatne ka mann bahut kar raha hai", "urge bahut strong hai {time_h}",
        "scars chhupane ke liye full sleeves {g_pehenta} hoon",
        "{person_h} ko bola billi ne noch liya", "khud ko dard dene se hi sukoon milta hai",
        "blade phir se nikal liya", "{limb_h2} pe naye cuts hain, kisi ko pata nahi",
        "khud ko chot pahunchayi {c_recent_h}", "{sh_core_h}, {neg_event_h}",
        "{sh_reported_h}", "{sh_reported_h}"],
    "sh_reported_h": _gendered([
        "<mera> {REL} phir se cutting kar <raha> hai",
        "<mere> {REL} ke {limb_h} pe naye cuts dekhe {c_recent_h}",
        "<mera> {REL} {c_says_h} usne phir se khud ko kaat liya",
        "<mera> {REL} khud ko jala <raha> hai, {c_says_h} ruk nahi pata"], _GENDER_HI),
    "sub_drug_h": ["daaru", "ganja", "charas", "goliyon", "nashe", "cough syrup", "{drink}"],
    "sub_core_h": [
        "{sub_h}", "{sub_h}", "{sub_h}", "{sub_h}", "{sub_h}, {c_often_h}",
        "{neg_event_h}, {sub_h}",
        "{sub_h}, {sub_tail_h}", "{mh}{neg_h} hoon, {sub_h}", "{sub_reported_h}",
        "{sub_reported_h}"],
    "sub_h": [
        "{sub_drug_h} ke bina neend nahi aati", "roz peeke {g_sota} hoon",
        "{c_recent_h} itni pi li ki kuch yaad nahi", "pills aur {drink} mix kar li {c_recent_h}",
        "kitni goliyan li yaad nahi", "nasha chhod nahi pa {g_raha}",
        "{sub_drug_h} ke bina din nahi katta", "phir se blackout ho gaya{c_recent_h_opt}",
        "{stress_h} bhoolne ke liye {g_peeta} hoon", "{c_since_h} se pi {g_raha} hoon",
        "kiraye ke paise bhi {sub_drug_h} mein uda diye", "{person_h} se chhupa ke {g_peeta} hoon",
        "{drink} ki poori bottle khatam kar di akele", "sirf nashe mein hi sukoon milta hai",
        "chhodne ki kasam khayi thi, phir se shuru", "neend ki goliyan {drink} ke saath le li",
        "{sub_drug_h} ke bina haath kaanpte hain", "{c_recent_h} {place_h} mein hosh kho diya",
        "{c_med} double le li {c_recent_h}", "{sub_drug_h} ke bina ab kuch feel nahi hota"],
    "stress_h": ["tension", "{person_h} ki baatein", "{thing_h} ka stress", "sab kuch", "dard"],
    "c_since_h": ["subah", "dopahar", "kal raat", "{meal_h}", "office"],
    "sub_tail_h": ["parwah nahi", "pata hai galat hai", "ruk nahi pa {g_raha}",
                   "kisi ko pata nahi", "haalat kharab ho rahi hai"],
    "sub_reported_h": _gendered([
        "<mera> {REL} subah se pi <raha> hai aur ruk nahi <raha>",
        "<mere> {REL} ne daaru ke saath goliyan kha li",
        "<mera> {REL} {c_says_h} wo nasha chhod nahi pa <raha>",
        "<mera> {REL} phir se blackout ho <gaya> {c_recent_h}"], _GENDER_HI),
    "pan_sym_h": ["saans nahi aa rahi", "saans phool rahi hai", "dil bahut tez dhadak raha hai",
                  "haath kaanp rahe hain", "haath pair sunn ho gaye", "ghabrahat ho rahi hai",
                  "chest bahut tight hai", "chakkar aa rahe hain", "poora body kaanp raha hai",
                  "gala band ho raha hai", "dil zor zor se dhadak raha hai",
                  "ungliyan sunn pad gayi hain", "pasina aa raha hai aur kaanp {g_raha} hoon"],
    "pan_fear_h": ["lag raha hai mar {g_jaunga}", "lagta hai heart attack aa raha hai",
                   "lag raha hai behosh ho {g_jaunga}", "dil ruk jayega aisa lag raha hai",
                   "lag raha hai pagal ho {g_jaunga}", "kuch bahut galat ho raha hai"],
    "pan_attack_h": ["panic attack aa gaya", "phir se panic attack", "is hafte teesra panic attack",
                     "attack aa raha hai abhi"],
    "pan_where_h": ["{time_h}", "{place_h} mein", "{transport} mein", "meeting ke beech mein",
                    "bina kisi wajah ke", "achanak se", "akele ghar pe", "{thing_h} se pehle",
                    "raat ke 3 baje"],
    "pan_help_h": ["kya karu", "koi baat karo mujhse", "help karo please", "ruk hi nahi raha",
                   "shaant nahi ho pa {g_raha}"],
    "pan_core_h": [
        "{pan_sym_h}", "{pan_sym_h}", "{pan_sym_h}", "{pan_attack_h}", "{pan_sym_h} {pan_where_h}",
        "{pan_sym_h}, {pan_sym_h}",
        "{pan_sym_h}, {pan_fear_h}", "{pan_attack_h}, {pan_sym_h}", "{pan_attack_h} {pan_where_h}",
        "{pan_fear_h}", "{pan_sym_h}, {pan_help_h}", "{pan_pan_rep_h}", "{pan_past_h}",
        "{pan_past_h}", "{pan_past_h}"],
    "pan_past_h": ["{c_recent_h} {pan_attack_past_h}, {pan_sym_past_h}",
                   "{pan_where_h} {pan_sym_past_h}, {pan_fear_past_h}",
                   "{pan_attack_past_h}, {pan_fear_past_h}",
                   "{pan_sym_past_h} aur {pan_sym_past_h}", "{pan_attack_past_h} {pan_where_h}"],
    "pan_attack_past_h": ["panic attack aaya tha", "phir se attack aaya",
                          "panic attack aa gaya tha", "attack aaya aur ruka hi nahi"],
    "pan_sym_past_h": ["saans nahi aa rahi thi", "dil bahut tez dhadak raha tha",
                       "haath pair sunn ho gaye the", "poora body kaanp raha tha",
                       "chest ekdum tight ho gayi thi", "chakkar aa rahe the",
                       "gala band ho raha tha", "ghabrahat se pasina aa raha tha"],
    "pan_fear_past_h": ["laga mar {g_jaunga}", "laga heart attack aa raha hai",
                        "laga behosh ho {g_jaunga}", "laga pagal ho {g_jaunga}",
                        "laga dil ruk jayega"],
    "pan_pan_rep_h": _gendered([
        "<mera> {REL} {c_says_h} saans nahi aa rahi",
        "<mere> {REL} ko panic attack aa <raha> hai, haath kaanp rahe hain",
        "<mera> {REL} {c_says_h} lag raha hai heart attack hai"], _GENDER_HI),
    "voice_h": ["main bekaar hoon", "khana mat khao", "{person_h} pe bharosa mat karo",
                "wo log aa rahe hain", "bhaag jao", "sab jhooth bol rahe hain"],
    "watch_thing_h": ["deewar", "khidki", "TV", "laptop camera", "phone", "pankha", "shisha"],
    "psy_tail_h": ["darr lag raha hai", "koi yakeen nahi karta", "main pagal nahi hoon",
                   "kisi ko bata nahi sakta", "kai dino se neend nahi aayi", "{time_h}"],
    "psy_core_h": [
        "{psy_h}", "{psy_h}", "{psy_h}", "{psy_h}", "{psy_h}", "{psy_h}, {psy_tail_h}",
        "{psy_h}, {psy_tail_h}",
        "{psy_h} {time_h}", "{psy_reported_h}", "{psy_reported_h}"],
    "psy_h": [
        "awaazein sunai de rahi hain", "koi mere dimag mein baat kar raha hai",
        "{psy_who_h} mera peecha kar rahe hain",
        "{psy_who_h} mere {food} mein zeher mila rahe hain",
        "TV wale mujhse baat kar rahe hain", "{psy_who_h} camera se dekh rahe hain",
        "mere dimag mein koi aur thoughts daal raha hai", "phone tap hai mera, sab sun rahe hain",
        "radio pe har gaana mere baare mein hai", "awaazein keh rahi hain {voice_h}",
        "{watch_thing_h} se koi mujhe dekh raha hai", "{watch_thing_h} se awaazein aati hain",
        "paani mein kuch mila diya hai kisi ne", "{psy_who_h} mere khilaaf plan bana rahe hain",
        "news wala mujhe signal de raha hai", "meri soch koi padh raha hai",
        "{place_h} se ek aadmi mera peecha kar raha hai", "{psy_who_h} mujhe zeher de rahe hain",
        "{watch_thing_h} mein camera laga hai", "awaazein bol rahi hain {voice_h}"],
    "psy_who_h": ["padosi", "sab log", "{person_h}", "office wale", "wo log", "ghar wale"],
    "psy_reported_h": _gendered([
        "<mera> {REL} {c_says_h} padosi uske khane mein zeher mila rahe hain",
        "<mera> {REL} {c_says_h} TV usse baat karta hai",
        "<mere> {REL} ko phir se awaazein sunai de rahi hain",
        "<mera> {REL} {c_says_h} koi uska peecha kar raha hai"], _GENDER_HI),
})

_CRISIS_CORES = {"passive_ideation": "pi_core", "immediate_harm": "ih_core",
                 "self_harm": "sh_core", "substance": "sub_core", "panic": "pan_core",
                 "psychotic": "psy_core"}
for _cat, _core in _CRISIS_CORES.items():
    TEMPLATES[_cat] = {
        "en": ["{c_pre}{c_lead}{" + _core + "}{c_suf}"],
        "hinglish": ["{c_pre_h}{c_lead_h}{" + _core + "_h}{c_suf_h}"],
    }


# ----------------------------------------------------------------------------- everyday chat

# Ordinary texts written the way people write, not as diary headings (docs/crisis.md: the
# everyday-word artefact).
SLOTS.update({
    "chat_en": [
        "I'm at {place}, back in an hour", "it's {weather} again, they said it would clear up",
        "can't find {np}, has anyone seen it", "don't forget the {work_thing} on {weekday}",
        "I'll call {name} when I get home", "we're going to {place} after {meal}, want to come",
        "sorry, missed your call, I was {activity}", "sorry for the late reply, busy {daypart}",
        "is {np} ready or should I wait", "{meal} is ready if anyone wants some",
        "what's the plan for {weekday}", "no plans this weekend, just staying home",
        "they're getting a new {object} for the office", "he says the {transport} is late",
        "she wants to meet at {place} at six", "how are you getting to {place} tomorrow",
        "I mean, the {work_thing} is fine, just long",
        "another {work_thing} tomorrow, then I'm free",
        "if it rains we'll stay in and {v_base} {np}",
        "would you mind picking up {food} on the way", "remember to bring {np} back",
        "I don't really care where we eat, you pick", "ok, I'm heading out now",
        # "can't", "won't" and "I'm" are as everyday as any words, not marks of a crisis
        # (tests/data/test_generate.py::test_everyday_words_do_not_mark_a_crisis).
        "can't make it to {place} today, something came up",
        "I won't be home for {meal}, don't wait up", "I'm running late, save me a seat",
        "that's enough {topic} for one day", "{np} won't turn on, I'll try later",
        "getting ready for the {work_thing} now", "let me know if you need anything",
        "I'm going to {v_base} {np} before {meal}", "just checking if you're home",
        "they want the {work_thing} done by {weekday}", "I want {food} for {meal} again",
        "it's your turn to {v_base} {np}", "every {weekday} it's the same {work_thing}",
        "ok so the {work_thing} moved to {weekday}", "I've decided to {v_base} {np} today",
        "we're out of {food}, I'll get some", "see you at {place} then",
        "you're better off asking {name} about the {work_thing}",
        "probably better off leaving before the traffic",
        "any thoughts on {food} for {meal}?", "I keep thinking about that {food} from {place}"],
    "chat_neg_en": [
        "I can't believe the {transport} is late again",
        "don't buy {objects} from that shop, mine broke in a week",
        "sorry, I'm cranky because of the {work_thing}", "so tired of this {weather} weather",
        "what's the point of a {work_thing} that could be an email",
        "I won't make it, the {work_thing} ran late",
        "the {work_thing} went on forever and nobody listened",
        "I'm done with that show, it got boring", "it's not fair, {someone} took the credit",
        "stop asking me about the {work_thing}, it's not done",
        "I'm getting a cold, sore throat and everything", "I'm sick of eating {food} every day",
        "they cancelled the {work_thing} again, so annoying",
        "I don't want to go to the {work_thing} tomorrow",
        "I've had enough of {someone} and their {topic} talk",
        "my {body} hurts and I've got a fever", "can't stop coughing, stayed home today",
        "never buying anything from {place} again", "I hate it when {np} won't work",
        "fever, chills and a runny nose, great start to {weekday}",
        "I think I ate something bad, my stomach is off",
        "why won't {someone} ever reply on time", "nobody told me the {work_thing} moved"],
    "chat_pos_en": [
        "I can't wait for {weekday}", "I'm so ready for the weekend",
        "don't tell {name}, the party is a surprise", "I'll never get tired of {food}",
        "it's the best {food} I've had in ages", "they're coming over for {meal}, so happy",
        "I want to go back to {place} every weekend", "so glad the {work_thing} is over",
        "finally finished the {work_thing}, I'm free", "he made {food} for everyone, amazing",
        "we're going to {place} on {weekday}, can't wait",
        "I don't even care that it's {weather}, we won",
        "sorry not sorry, I ate all the {food}", "I'm ready, let's go"],
    "chat_h": [
        "main {place_h} pe hoon, ek ghante mein aata hoon",
        "mera {object} nahi mil raha, dekha kya",
        "sorry yaar, call miss ho gaya", "{weekday} ko {thing_h} hai, bhoolna mat",
        "mujhe {food} chahiye, aate hue le aana", "{weekday} ka kya plan hai",
        "koi plan nahi hai weekend ka, ghar pe hi hoon", "log keh rahe hain kal baarish hogi",
        "{person_h} bol rahe the ki {transport} late hai", "har {weekday} {thing_h} hota hai",
        "main ready hoon, tum kab nikal rahe ho", "{meal_h} ready hai, jisko khana hai aa jao",
        "dekh lena, {object} table pe rakha hai", "mere paas {food} hai, share karte hain",
        "mujhe {place_h} jaana hai, saath chaloge", "honestly {food} theek tha, kuch khaas nahi",
        "ab so raha hoon, kal baat karte hain", "aaj kya karna hai, kuch socha",
        "meri {relation} aa rahi hai {weekday} ko", "mere {object} ka charger kisne liya",
        "koi {food} le aao, bhook lagi hai", "koi aaya tha kya {meal_h} ke time",
        "koi bhi movie chalegi, tum chuno", "koi baat nahi, {weekday} ko mil lenge",
        "mere ghar pe aaj mehmaan hain, kal milte hain", "mere paas change nahi hai, UPI chalega",
        "{transport} se jaana behtar rahega", "apna khayal rakhna, {weekday} ko milte hain",
        "ek khayal aaya, {weekday} ko {place_h} chalte hain",
        "{food} ke baare mein {g_sochta} hoon aaj, banau kya"],
    "chat_neg_h": [
        "mera {object} phir se kharab ho gaya yaar", "mujhe kal {thing_h} mein nahi jaana",
        "har baar {transport} late hota hai", "sorry, aaj nahi aa paunga, {thing_h} lamba chala",
        "ab bas, yeh serial bahut boring ho gaya", "mere sir mein dard hai aur halka bukhaar",
        "koi phone nahi utha raha, gussa aa raha hai", "log kuch bhi bolte hain, mat suno",
        "{person_h} har baat pe tokte hain", "yeh {object} mat lena, hafte mein toot gaya",
        "itni garmi hai ki kuch karne ka mann nahi", "khaansi ruk hi nahi rahi, chutti le li",
        "mujhe {thing_h} se chidh ho gayi hai", "koi nahi sunta meri baat {thing_h} mein"],
    "chat_pos_h": [
        "kisi ko mat batana, {name} ke liye surprise party hai", "mera result aa gaya, pass!",
        "{weekday} ka wait nahi ho raha", "mujhe {food} kabhi bore nahi karta",
        "log aa rahe hain {meal_h} pe, maza aayega", "honestly aaj ka din bahut accha tha",
        "main bilkul ready hoon trip ke liye", "{person_h} ne {food} banaya, ekdum mast"],
})
for _cat, _slot in (("neutral", "chat"), ("negative", "chat_neg"), ("positive", "chat_pos")):
    TEMPLATES[_cat]["en"] += ["{pre}{" + _slot + "_en}{suf}"] * 3
    TEMPLATES[_cat]["hinglish"] += ["{pre_h}{" + _slot + "_h}{suf_h}"] * 3
CONTEXT["en"] += ["{chat_en}.", "{chat_en}.", "{chat_neg_en}."]
CONTEXT["hinglish"] += ["{chat_h}.", "{chat_h}.", "{chat_neg_h}."]

# ----------------------------------------------------------------------------- hard negatives

# Ordinary texts (crisis type `none`) that share the crisis vocabulary - pills, cut, burn, jump,
# bridge, rope, heart racing, can't breathe, voices, watching, overdose, dead - so that the
# words alone do not decide: idioms, medication, cooking, fiction, someone else's past, recovery,
# helping others, grief, sport and thrills.
TEMPLATES["hardneg"] = {
    "en": ["{pre}{hn_en}{suf}", "{pre}{hn_en}{suf}", "{pre}{hn_en} {time}{suf}",
           "{pre}{hn_en}, {hn_coda}{suf}"],
    "hinglish": ["{pre_h}{hn_hi}{suf_h}", "{pre_h}{hn_hi}{suf_h}",
                 "{pre_h}{hn_hi}, {hn_coda_h}{suf_h}"],
}
SLOTS.update({
    "hn_en": ["{hn_idiom}"] * 3 + ["{hn_med}"] * 2 + ["{hn_cook}"] * 2 + ["{hn_fiction}"] * 2
             + ["{hn_past}", "{hn_recovery}", "{hn_recovery}", "{hn_help}", "{hn_grief}"]
             + ["{hn_sport}"] * 2 + ["{hn_misc}"]
             # Families built from slots, so a crisis word meets many ordinary contexts rather
             # than a few memorable sentences: the model must read the context, not the template.
             + ["{hn_cook_c}"] * 2 + ["{hn_med_c}"] * 2 + ["{hn_sport_c}"] * 2
             + ["{hn_recovery_c}", "{hn_grief_c}", "{hn_past_c}", "{hn_fiction_c}"],
    "hn_coda": ["{pos_event}", "anyway", "{m}{pos} now", "{m}{neg} though", "long {daypart}",
                "{neutral_event}", "as usual", "what a {daypart}"],
    "hn_idiom": ["this {work_thing} is killing me", "my feet are killing me after {activity}",
                 "I could murder a {food} right now", "dying of laughter at {name}'s video",
                 "{name}'s joke had me dying of laughter", "my phone is dead again",
                 "phone's dead, call you later", "battery's dead, stuck at {place}",
                 "kill the lights, movie time", "{name} killed it at the {work_thing}",
                 "I'd die for some {food} right now", "dying to try the new {place_n}",
                 "this heat is going to kill me lol", "the {work_thing} was murder",
                 "{someone} is going to kill me for being late",
                 "I'm dead tired after the {work_thing}",
                 "laughed so hard I couldn't breathe",
                 "my {relation} will kill me if I skip {meal}",
                 "the {transport} was so packed I couldn't breathe",
                 "this song is killing me, on repeat",
                 "the traffic is the death of me", "my laptop died mid {work_thing}"],
    "hn_med": ["had my thyroid tablet {hn_with}", "antibiotics for five days, then done",
               "forgot my BP tablets at {place}",
               "picked up my {relation}'s sugar pills from the pharmacy",
               "vitamin D pills with {meal}", "paracetamol for the fever, sleeping it off",
               "dentist gave me painkillers for the tooth", "iron tablets are making me sleepy",
               "set a reminder for my {relation}'s heart pills", "doctor changed my allergy pills",
               "finished the course of antibiotics", "took two paracetamol for the headache",
               "sorted {relation}'s pills into the weekly box"],
    "veg_en": ["carrots", "potatoes", "tomatoes", "ginger", "cucumbers", "garlic", "bread",
               "a mango", "lemons", "beans"],
    "hn_with": ["with breakfast", "before {meal}", "on time for once", "as usual",
                "and went for a walk"],
    "hn_cook": ["cut the onions for the {food}",
                "nicked my thumb slicing {veg_en}, just a small nick",
                "splashed boiling pasta water on my wrist draining it, cold tap, all fine",
                "hot oil splashed on my arm while frying, a small red mark, dinner was worth it",
                "grated my knuckle along with the carrots again lol",
                "grabbed the pan handle without a cloth, palm is a bit red",
                "burnt the roti again", "burnt the toast, smoke alarm went off",
                "cut the cake at {name}'s party", "cut the vegetables for {meal}",
                "burnt my hand on the tawa, put ice on it", "the power cut ruined the {food}",
                "got a haircut", "cut the grass in the backyard",
                "the knife is so blunt it can't even cut tomatoes",
                "burnt the rice while on a call with {someone}", "cut out coupons for {place}"],
    "hn_fiction": ["saw a film whose hero leaps from a rooftop in the last scene",
                   "that song about wanting to disappear is stuck in my head",
                   "finished the novel, the ending where she overdoses wrecked me",
                   "in the show the villain poisons the king",
                   "the detective in that series hears voices, so good",
                   "{name} recommended a thriller where a stalker watches her through a window",
                   "the play had a scene where she cuts her hair and screams",
                   "watching a documentary about addiction for the {work_thing}",
                   "the horror movie had voices in the walls, couldn't sleep lol",
                   "writing an essay on the bridge scene in the novel",
                   "the podcast episode on the man who was poisoned by his brother",
                   "the villain in the {topic} movie keeps saying goodbye before he kills"],
    "hn_past": ["lost my {relation} to an overdose long ago, still miss them",
                "my {relation} tried to kill herself when I was a kid, she's doing great now",
                "grandpa used to hear voices near the end",
                "my cousin used to cut in school, she's a nurse now",
                "{name}'s dad jumped from a bridge ten years ago, the anniversary is on {weekday}",
                "my {relation} struggled with drinking in the nineties, sober for decades now",
                "my mom had panic attacks when we were kids, she taught me breathing tricks"],
    "hn_recovery": ["sober anniversary today, year two",
                    "no self-harm for twelve months now, scars fading",
                    "six months sober", "{hn_n} days without a drink",
                    "used to have panic attacks, haven't had one in months",
                    "therapy is working, no more dark thoughts",
                    "threw away my old blades, one year free",
                    "a year ago I wanted to die, today I'm grateful I'm here",
                    "still clean, the urges are quiet now", "my therapist says I've come so far",
                    "{hn_n} days clean and counting"],
    "hn_n": ["30", "90", "100", "200", "365", "sixty", "forty"],
    "hn_help": ["volunteered at the helpline", "talked my friend through a panic attack",
                "did a first aid course on overdoses",
                "took {name} to the doctor after her panic attack, she's fine now",
                "training to be a crisis counsellor",
                "sat with my {relation} at the hospital, recovering well",
                "shared the suicide prevention number in the group chat",
                "helped a stranger who fainted on the {transport}"],
    "hn_grief": ["miss nani, she died last year", "a year since {name} passed away",
                 "visited dada's grave", "first {weekday} without my {relation}, miss her",
                 "lit a candle for my grandma", "my dog died last month, still sad"],
    "hn_sport": ["pulse through the roof before kickoff",
                 "couldn't breathe after the 10k, best run ever",
                 "my heart was going crazy on the last lap, and we won",
                 "hands trembling before my penalty kick, and it went in",
                 "legs shaking after leg day", "hands shaking before my first gig, so excited",
                 "bungee jumped off a bridge in Rishikesh, insane",
                 "jumped off the cliff into the lake, so fun",
                 "heart pounding on the roller coaster", "so dizzy after the sprint, new record",
                 "tried cliff diving, heart still racing",
                 "skydiving, screamed the whole way down",
                 "sweating and shaking after the spin class",
                 "my heart was pounding when they called my name, got the part"],
    "hn_misc": ["the voices in the choir were beautiful",
                "heard voices in the corridor, it was the neighbours' kids",
                "my cat watches me sleep lol", "the lobby has cameras now, good for safety",
                "the rope for the clothesline snapped", "bought rope for the camping trip",
                "jumped into the pool", "someone is watching me type, hi {name}"],
    "hn_cook_c": ["{cook_hurt} {cook_task}, {cook_fix}", "{cook_hurt} {cook_task}"],
    "cook_hurt": ["nicked my finger", "sliced the tip of my thumb", "burned my wrist",
                  "scalded my hand", "got a small cut on my palm", "caught my knuckle",
                  "burned two fingers", "cut my hand a little"],
    "cook_task": ["dicing {veg_en}", "making {food} for {someone}", "frying pakoras",
                  "taking the tray out of the oven", "peeling {veg_en}", "draining the pasta",
                  "cleaning the fish", "opening a tin of beans", "washing the big knife"],
    "cook_fix": ["ran it under cold water", "a plaster and back to it",
                 "bit of blood, nothing serious", "it stings but dinner was great",
                 "mom put turmeric on it", "all good now", "kept cooking",
                 "{m}{pos} with how the food turned out"],
    "hn_med_c": ["{med_act} {med_whose} {med_name} {med_when}"],
    "med_act": ["took", "picked up", "refilled", "forgot", "remembered", "counted out",
                "ordered"],
    "med_whose": ["my", "my", "my {relation}'s", "dad's", "grandma's"],
    "med_name": ["blood pressure tablets", "antibiotics", "iron pills", "allergy meds",
                 "insulin", "vitamin tablets", "sleeping pills the doctor prescribed",
                 "antidepressants", "painkillers after the surgery", "cholesterol pills",
                 "migraine pills", "asthma inhaler"],
    "med_when": ["with breakfast", "before bed", "at the pharmacy", "for the week",
                 "on time today", "as the doctor said", "after {meal}"],
    # Told afterwards too, in the words panic told afterwards uses (pan_sym_past), so that
    # tense is not what tells a panic attack from a race.
    "hn_sport_c": ["{body_sign} {sport_ctx}, {sport_end}",
                   "{body_sign_past} {sport_ctx}, {sport_end}"],
    "body_sign_past": ["my heart was pounding", "my hands were shaking", "I was shaking all over",
                       "my legs were trembling", "I couldn't catch my breath",
                       "my chest was so tight", "everything was spinning"],
    "body_sign": ["heart pounding", "hands shaking", "legs trembling", "out of breath",
                  "chest heaving", "could barely breathe", "dizzy and sweaty",
                  "knees like jelly"],
    "sport_ctx": ["waiting for the relay baton", "after the final set", "on the last climb",
                  "before my viva", "before going on stage", "after the hill sprints",
                  "during the penalty shootout", "before my first date with {name}",
                  "on the trek to the top", "after the dance rehearsal"],
    "sport_end": ["best day ever", "and we won", "new personal best", "totally worth it",
                  "can't wait to do it again", "so proud", "{m}{pos}"],
    "hn_recovery_c": ["{rec_dur} {rec_what}, {rec_end}"],
    "rec_dur": ["{hn_n} days", "six months", "a full year", "nine months", "three years",
                "ten weeks"],
    "rec_what": ["without a drink", "without self-harm", "off the pills I used to misuse",
                 "since my last panic attack", "since I last hurt myself", "of sobriety",
                 "since rehab", "without the dark thoughts"],
    "rec_end": ["the group clapped for me", "feeling strong", "one day at a time",
                "therapy really helped", "celebrating with cake",
                "didn't believe I'd make it this far", "{m}{pos}"],
    "hn_grief_c": ["{grief_lead} {grief_who}, {grief_tail}"],
    "grief_lead": ["miss", "still miss", "thinking about", "dreamt about", "cried about",
                   "found old letters from"],
    "grief_who": ["my grandma", "my late {relation}", "dadi", "my old dog",
                  "a school friend who passed", "grandpa", "my aunt who died in spring"],
    "grief_tail": ["the funeral was {grief_time} ago", "lit a candle tonight",
                   "would have been a birthday today", "cooked the old family recipe",
                   "sorting through the old photos", "the house feels empty"],
    "grief_time": ["a week", "a month", "two months", "a year", "three weeks"],
    "hn_past_c": ["{past_who} {past_event} {past_when}, {past_end}"],
    "past_who": ["my uncle", "my neighbour's son", "a boy from my school",
                 "my dad's best friend", "{name}'s older brother", "my grandfather",
                 "a guy in my hostel"],
    "past_event": ["overdosed", "died by suicide", "tried to end his life",
                   "used to hurt himself", "heard voices for years", "drank himself into hospital",
                   "had awful panic attacks", "swallowed a bottle of pills"],
    "past_when": ["many years ago", "when I was little", "back in college", "a decade back",
                  "before I was born", "in 2009"],
    "past_end": ["still think about it", "the family talks about it more now",
                 "we remembered him at dinner", "it's why I volunteer", "{m}{neg} remembering",
                 "it was a long time ago"],
    "hn_fiction_c": ["{story} where {character} {story_event}, {story_end}"],
    "story": ["watched a film", "read a novel", "binged a series", "heard a podcast",
              "played a game", "saw a play", "read a manga"],
    "character": ["the hero", "the detective", "a lonely teacher", "the villain",
                  "the mother", "a soldier", "the main girl"],
    "story_event": ["takes an overdose", "jumps from a tower", "hears voices",
                    "self-harms in secret", "poisons his rival", "plans his own death",
                    "writes a goodbye letter", "gets addicted to pills"],
    "story_end": ["so well made", "cried at the ending", "{name} recommended it",
                  "the acting was unreal", "for my literature class", "not for everyone"],
    "hn_coda_h": ["{pos_event_h}", "waise", "ab {pos_h} hoon", "{neutral_event_h}",
                  "thoda {neg_h} bhi", "lamba din tha"],
    "hn_hi": ["hasi se mar gaya {name} ke joke pe", "hasi se mar gayi yaar",
              "has has ke mar gaya", "ye {thing_h} toh jaan nikaal dega",
              "garmi se mar gaye aaj", "phone ki battery mar gayi",
              "{work_thing} ne maar daala aaj", "thyroid wali tablet {meal_h} ke baad khayi",
              "antibiotic ka course khatam", "mummy ki BP ki goliyan laya {place_h} se",
              "sabzi kaatte waqt angootha chhil gaya, chhota sa zakhm", "roti jal gayi phir se",
              "doodh ubal gaya aur tawa jal gaya",
              "wo film dekhi jiske end mein hero chhat se kood jaata hai",
              "sharaab chhode do baras ho gaye, proud hoon",
              "baarah mahine se khud ko zakhm nahi diya, khush hoon",
              "helpline pe volunteering ki {time_h}", "dost ko panic attack mein sambhala",
              "nani ki yaad aa rahi hai, pichle saal chali gayi",
              "toss ke waqt dhadkan tez thi, mazaa aaya", "10k ke baad saans phool gayi, best run",
              "bungee jump kiya Rishikesh mein, maza aa gaya",
              "chachu ne saalon pehle overdose kiya tha, ab bas yaadein hain",
              "dadi ki barsi thi aaj", "kapde sukhane ki rassi toot gayi",
              "gym ke baad haath kaanp rahe the, leg day", "pair dard se mar gaya walk ke baad",
              "cake kaata {name} ki party mein", "vitamin ki goliyan kha li {meal_h} ke saath",
              "wo gaana jisme kehte hain gayab ho jaun, repeat pe hai",
              "roller coaster pe saans ruk gayi, mazaa aaya",
              "stage pe jaane se pehle haath kaanp rahe the, phir sab badhiya"]
             # The same categories as the English ones, as families with their own slots,
             # so Hinglish hard negatives are as varied as Hinglish crises.
             + ["{hn_med_h}"] * 3 + ["{hn_cook_h}"] * 2 + ["{hn_fiction_h}"] * 3
             + ["{hn_past_h}"] * 3 + ["{hn_recovery_h}"] * 2 + ["{hn_help_h}"] * 2
             + ["{hn_grief_h}"] * 2 + ["{hn_sport_h}"] * 2
             + ["{hn_cook_ch}"] * 2 + ["{hn_med_ch}"] * 2 + ["{hn_sport_ch}"] * 2
             + ["{hn_past_ch}", "{hn_fiction_ch}", "{hn_recovery_ch}"],
    "hn_cook_ch": ["{cook_task_h} {cook_hurt_h}, {cook_fix_h}", "{cook_task_h} {cook_hurt_h}"],
    "cook_task_h": ["sabzi kaatte hue", "{food} banate waqt", "pakode talte hue",
                    "tawa uthate hue", "aalu chheelte waqt", "oven se tray nikaalte hue",
                    "naariyal todte hue", "machhli saaf karte hue"],
    "cook_hurt_h": ["ungli pe chhota sa cut lag gaya", "haath jal gaya", "angootha chhil gaya",
                    "kalai pe garam tel gir gaya", "hatheli kat gayi thodi si",
                    "do ungliyan jal gayi"],
    "cook_fix_h": ["thanda paani daala", "haldi laga li", "band-aid lagake phir shuru",
                   "zara sa khoon tha, sab theek", "khana phir bhi mast bana",
                   "mummy ne dawai laga di"],
    "hn_med_ch": ["{person_h} ki {med_h} {med_act_h}", "apni {med_h} {med_act_h}"],
    "med_h": ["BP ki goliyan", "sugar ki dawai", "neend ki goli jo doctor ne di",
              "antibiotic", "vitamin ki tablets", "dard ki goliyan", "insulin",
              "depression ki dawai", "thyroid ki dawai", "allergy ki goli"],
    "med_act_h": ["le li {meal_h} ke baad", "chemist se le aaya", "time pe le li",
                  "dabbe mein rakh di hafte bhar ki", "bhool gaya aaj", "mangwa li online"],
    "hn_sport_ch": ["{sport_ctx_h} {body_sign_h}, {sport_end_h}"],
    "sport_ctx_h": ["race shuru hone se pehle", "stage pe jaane se pehle", "viva se pehle",
                    "trek ki aakhri chadhai pe", "penalty se pehle", "dance practice ke baad",
                    "pehli date se pehle"],
    "body_sign_h": ["dil dhak dhak kar raha tha", "haath kaanp rahe the", "saans phool gayi",
                    "pair kaanp rahe the", "chakkar sa aa gaya", "pasine chhoot gaye"],
    "sport_end_h": ["par maza aaya", "aur jeet gaye", "naya record bana", "full worth it",
                    "phir se karunga", "bahut proud hoon"],
    "hn_past_ch": ["{past_who_h} ne {past_when_h} {past_event_h}, {past_end_h}"],
    "past_who_h": ["mama", "padosi ke bete", "school ke ek ladke", "papa ke dost",
                   "{name} ke bhai", "chachu"],
    "past_when_h": ["saalon pehle", "bachpan mein", "college ke time", "das saal pehle"],
    "past_event_h": ["overdose le liya tha", "khudkushi kar li thi", "zeher kha liya tha",
                     "khud ko chot pahunchayi thi", "bahut sharaab pi thi"],
    "past_end_h": ["aaj unki yaad aayi", "ghar mein ab is baare mein baat hoti hai",
                   "purani baat hai", "isiliye main volunteer karta hoon"],
    "hn_fiction_ch": ["{story_h} jisme {character_h} {story_event_h}, {story_end_h}"],
    "story_h": ["ek film dekhi", "novel padha", "web series dekhi", "podcast suna",
                "natak dekha"],
    "character_h": ["hero", "heroine", "detective", "villain", "ek teacher"],
    "story_event_h": ["overdose le leta hai", "building se kood jaata hai",
                      "ko awaazein aati hai", "zeher de deta hai", "suicide note likhta hai",
                      "goliyon ka aadi ho jaata hai"],
    "story_end_h": ["bahut achhi bani hai", "end pe ro diya", "{name} ne suggest ki thi",
                    "acting kamaal ki thi"],
    "hn_recovery_ch": ["{rec_dur_h} {rec_what_h}, {rec_end_h}"],
    "rec_dur_h": ["{hn_n} din", "chhe mahine", "pura ek saal", "teen saal"],
    "rec_what_h": ["bina daaru ke", "bina khud ko hurt kiye", "bina panic attack ke",
                   "rehab ke baad saaf", "drugs se door"],
    "rec_end_h": ["counsellor bahut khush hai", "ek ek din karke", "therapy ne madad ki",
                  "cake kaata aaj", "khud pe garv hai"],
    "hn_med_h": ["{person_h} ki sugar ki dawai ka naya patta liya",
                 "{person_h} ke liye pill box bhar diya, subah shaam wala",
                 "doctor ne meri dose badha di, roz {meal_h} ke saath leni hai",
                 "bukhar ke liye do paracetamol li aur so gaya",
                 "dant ke dard ki goli li, ab theek hai",
                 "{person_h} ko sugar ki goli yaad dilayi {time_h}",
                 "antibiotic ki goliyan {meal_h} ke baad leni hai, paanch din",
                 "iron ki tablet se neend aa rahi hai {time_h}"],
    "hn_cook_h": ["aalu chheelte hue ungli chhil gayi, kuch nahi hua",
                  "mixer ka blade saaf karte hue ungli pe halki si kharonch aa gayi",
                  "tadka lagate hue tel ke chheente haath pe pade, ab theek hai",
                  "kaddukas pe ungli chhil gayi, salad phir bhi bana liya",
                  "garam kadhai ko bina kapde ke pakad liya, haath laal ho gaya",
                  "{food} banate hue haath jal gaya, thanda paani daala",
                  "pyaaz kaat kaat ke aankhon mein paani aa gaya",
                  "{name} ke birthday pe cake kaata", "tawa pe roti jal gayi, dhuan hi dhuan",
                  "baal katwaye {time_h}, ekdum chhote",
                  "light kat gayi aur {food} thanda ho gaya"],
    "hn_fiction_h": ["serial mein villain ne raja ko zeher de diya",
                     "movie ke climax mein villain building se gir jaata hai, taaliyan bajin",
                     "novel khatam ki, jisme hero overdose se mar jaata hai, bahut bhaari thi",
                     "web series ke detective ke sar mein awaazein goonjti hai, zabardast hai",
                     "{name} ne thriller suggest ki jisme koi khidki se usko dekhta rehta hai",
                     "horror movie mein deewar se awaazein aati hai, neend nahi aayi",
                     "gaana jisme kehta hai sab khatam kar du, bas tune achhi hai",
                     "documentary dekhi nashe ke baare mein, {work_thing} ke liye"],
    "hn_past_h": ["{person_h} ke papa ne saalon pehle khudkushi kar li thi, aaj barsi hai",
                  "chachu ko kabhi awaazein sunai deti thi, ab dawai se theek hai",
                  "college mein {name} khud ko kaatti thi, ab woh nurse hai",
                  "mama ne bahut pehle zeher kha liya tha, bachpan ki baat hai",
                  "nana nabbe ke dashak mein bahut peete the, ab tees saal se chhod di",
                  "mummy ko pehle panic attack aate the, unhone mujhe saans wali trick sikhayi"],
    "hn_recovery_h": ["nasha mukti kendra se aaye {hn_n} din ho gaye",
                      "ek saal ho gaya khud ko hurt kiye bina, proud hoon",
                      "therapy se ab wo andhere khayal nahi aate",
                      "pichle saal marna chahta tha, aaj shukr hai ki zinda hoon",
                      "purane blade phek diye, saal bhar ho gaya",
                      "{hn_n} din se daaru ko haath nahi lagaya"],
    "hn_help_h": ["helpline pe volunteer ki shift thi {time_h}, thaka dene wali par achhi",
                  "{name} ko panic attack aaya toh uske saath baitha, ab theek hai",
                  "group mein suicide helpline ka number share kiya",
                  "overdose wale first aid ka course kiya {time_h}",
                  "{person_h} ko hospital le gaya, recovery achhi ho rahi hai",
                  "train mein ek aunty behosh ho gayi, paani pilaya"],
    "hn_grief_h": ["nani ko gaye ek saal ho gaya, bahut yaad aati hai",
                   "purane album mein nana ki photo mili, ro padi",
                   "{name} ki barsi pe diya jalaya",
                   "kutta pichle mahine mar gaya, ghar khaali hai",
                   "dadi ke bina pehli Diwali thi"],
    "hn_sport_h": ["kabaddi final ki seeti bajte hi dhadkan badh gayi, phir jeet gaye",
                   "seedhiyan chadh ke saans phool gayi, par naya record bana",
                   "trek ki chadhai pe taange kaanp rahi thi, upar ka nazara zabardast tha",
                   "sprint ke baad chakkar aa gaye, naya record",
                   "paragliding pe pahad se kood gaye, kya feeling thi",
                   "match se pehle haath kaanp rahe the, jeet gaye",
                   "leg day ke baad pair toot gaye hai, maza aaya"],
})

# Affect of the new crisis and hard-negative vocabulary (and of the spelling variants below
# that spell an affect word). Words shared with hard negatives keep moderate values; what makes
# a crisis text low-valence is usually several such words together.
LEXICON.update({
    "suicide": (-0.95, 0.8), "suicidal": (-0.95, 0.75), "noose": (-0.9, 0.7),
    "poison": (-0.8, 0.75), "poisoned": (-0.8, 0.8), "overdosed": (-0.9, 0.8),
    "relapsed": (-0.7, 0.6), "relapse": (-0.65, 0.55),
    "bled": (-0.75, 0.7), "bleeding": (-0.75, 0.7), "burns": (-0.6, 0.6),
    "bruised": (-0.5, 0.5), "urge": (-0.4, 0.7), "urges": (-0.4, 0.7), "scar": (-0.5, 0.4),
    "blacked": (-0.6, 0.55), "addicted": (-0.7, 0.6), "hyperventilating": (-0.7, 0.95),
    "tingling": (-0.3, 0.7), "trembling": (-0.55, 0.9), "sweating": (-0.3, 0.7),
    "dying": (-0.9, 0.8), "died": (-0.7, 0.4), "attack": (-0.6, 0.85), "faint": (-0.5, 0.75),
    "blurry": (-0.3, 0.65), "tight": (-0.3, 0.65),
    # Breath words move arousal only (|valence| < MIN_VALENCED), so "can't breathe" is
    # agitated without the negator flipping a valence.
    "breathe": (-0.05, 0.75), "breath": (-0.05, 0.75), "saans": (-0.05, 0.75),
    "saas": (-0.05, 0.75), "sans": (-0.05, 0.75), "pasina": (-0.05, 0.7),
    "paranoid": (-0.6, 0.8), "followed": (-0.35, 0.65), "tracking": (-0.4, 0.65),
    "pils": (-0.5, 0.6), "tablets": (-0.3, 0.5), "meds": (-0.3, 0.5),
    "laughter": (0.7, 0.7), "laughing": (0.65, 0.7), "sober": (0.4, 0.25),
    # Hinglish
    "bojh": (-0.7, 0.3), "alvida": (-0.6, 0.5), "aakhri": (-0.5, 0.4), "rassi": (-0.4, 0.5),
    "goliyan": (-0.35, 0.5), "goliya": (-0.35, 0.5), "golian": (-0.35, 0.5),
    "marne": (-0.85, 0.6), "marrna": (-0.9, 0.6), "mrna": (-0.9, 0.6), "maut": (-0.9, 0.6),
    "khtm": (-0.5, 0.45), "khatm": (-0.5, 0.45), "zehar": (-0.8, 0.75), "jeher": (-0.8, 0.75),
    "kaata": (-0.65, 0.65), "kaatne": (-0.65, 0.65), "jalaya": (-0.65, 0.7),
    "khoon": (-0.7, 0.7), "nashe": (-0.5, 0.55), "sunn": (-0.4, 0.6), "chakkar": (-0.4, 0.7),
    "dhadak": (-0.1, 0.8), "behosh": (-0.6, 0.8), "ghabraahat": (-0.65, 0.9),
    "gabrahat": (-0.65, 0.9), "awaazen": (-0.45, 0.6), "awazein": (-0.45, 0.6),
    "aawaze": (-0.45, 0.6), "daru": (-0.35, 0.55), "acha": (0.5, 0.35), "hasi": (0.6, 0.6),
})
INTENSIFIERS.update({"bht": 1.45, "bhot": 1.45, "rly": 1.4})
NEGATORS_PRE = NEGATORS_PRE | {"nhi", "wont"}
NEGATORS_POST = NEGATORS_POST | {"nhi"}

# Multi-word expressions scored as one unit, where the words alone say the opposite: a phone
# that "is dead" is not a death, "dying of laughter" is joy. (valence, arousal) as in LEXICON.
LEXICON_PHRASES: dict[tuple[str, ...], tuple[float, float]] = {
    ("dying", "of", "laughter"): (0.65, 0.75), ("hasi", "se", "mar"): (0.6, 0.75),
    ("has", "has", "ke", "mar"): (0.6, 0.75), ("phone", "is", "dead"): (-0.15, 0.4),
    ("phone's", "dead"): (-0.15, 0.4), ("battery's", "dead"): (-0.15, 0.4),
    ("battery", "mar"): (-0.15, 0.4), ("kill", "the", "lights"): (0.0, 0.2),
    ("power", "cut"): (-0.3, 0.45), ("cut", "the"): (0.0, 0.35), ("dead", "tired"): (-0.4, 0.1),
    ("passed", "away"): (-0.6, 0.3), ("laptop", "died"): (-0.35, 0.55),
    ("cake", "kaata"): (0.3, 0.4), ("death", "of", "me"): (-0.35, 0.6),
}

# Spelling variants, applied by the generator token by token to every text of a writer at the
# writer's own rate: slang and typos in English, the many romanizations of Hindi words.
SPELLING_VARIANTS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "tonight": ("tonite", "2nite"), "i'm": ("im",), "don't": ("dont",), "can't": ("cant",),
        "won't": ("wont",), "you": ("u",), "really": ("rly",), "because": ("cuz", "coz"),
        "please": ("pls", "plz"), "though": ("tho",), "breathe": ("breath",),
        "myself": ("myslf",), "everyone": ("every1", "evryone"), "tomorrow": ("tmrw", "tomorow"),
        "probably": ("prolly",), "pills": ("pils",), "about": ("abt",),
        "something": ("smth", "somthing"), "people": ("ppl",), "what's": ("whats",),
        "it's": ("its",), "i've": ("ive",), "i'll": ("ill",), "going": ("goin",),
        "nothing": ("nothin",), "anymore": ("anymre",), "right": ("rite",),
    },
    "hinglish": {
        "nahi": ("nahin", "nai", "nhi"), "mujhe": ("mjhe", "muje", "mujhey"),
        "khatam": ("khtm", "khatm"), "marna": ("marrna", "mrna"), "zeher": ("zehar", "jeher"),
        "hai": ("h", "he"), "hain": ("h", "hai"), "hoon": ("hu", "hun", "hoo"), "kar": ("kr",),
        "raha": ("rha",), "rahi": ("rhi",), "rahe": ("rhe",), "kya": ("kia", "kyaa"),
        "main": ("mai", "me"), "bhi": ("b",), "yaar": ("yar", "yr"), "kuch": ("kuchh", "kch"),
        "bahut": ("bht", "bhot"), "accha": ("acha", "achha"), "sab": ("sb",), "raat": ("rat",),
        "aaj": ("aj",), "pata": ("pta",), "lagta": ("lgta",), "saans": ("sans", "saas"),
        "ghabrahat": ("gabrahat", "ghabraahat"), "awaazein": ("awaazen", "awazein", "aawaze"),
        "daaru": ("daru",), "goliyan": ("goliya", "golian"), "jaunga": ("jaaunga",),
        "karunga": ("krunga",), "zindagi": ("zindgi", "jindagi"), "kabhi": ("kbhi",),
        "phir": ("fir", "phr"), "jeene": ("jine",), "abhi": ("abi", "abhie"),
    },
}

# Every ordinary template ends in the writer's closer unless it places one itself.
for _cat, _by_lang in TEMPLATES.items():
    if _cat in _CRISIS_CORES:
        continue
    for _lang, _templates in _by_lang.items():
        _suf = "{suf}" if _lang == "en" else "{suf_h}"
        _by_lang[_lang] = [t if "{suf" in t else t + _suf for t in _templates]
