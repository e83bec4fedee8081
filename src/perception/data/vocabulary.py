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
                        "btw ", "note to self: ", "dear diary, ", "fine, ", "listen, "],
    "suf": [""] * 12 + [" lol", " haha", " tbh", " ngl", "...", " fr", " i guess",
                        " again", " :)", " :(", " smh", " whatever", " for real", " idk",
                        " as usual", " of course", " i think", " somehow", " anyway",
                        " apparently", " oh well", " as always", " no idea why",
                        " go figure"],
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
               "raat bhar", "college mein", "{weekday} ko", "{weekday} se", "{meal} ke baad",
               "{meal} se pehle", "{place_h} mein", "kal {daypart}"],
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
                        "{work_thing} pe kaam kiya", "{food} khaya {place_h} mein"],
    "place_h": ["{place_n}", "{place_n}", "{area}", "{name} ke ghar"],
    "v_past_h": ["theek kiya", "saaf kiya", "order kiya", "return kiya", "pack kiya",
                 "dhoya", "laga diya", "dhoondha", "kharida", "badla"],
    "pace_h": ["", "", "", "", ", {hi_adj} din tha", ", bhaag daud chal rahi thi",
               ", poora din hungama", ", {lo_adj} din tha", ", sab dheere dheere chala",
               ", aaram se din gaya"],
    "pre_h": [""] * 10 + ["yaar ", "sach mein ", "bhai ", "arre ", "uff ", "matlab ",
                          "accha sun, ", "pata nahi, ", "chal ", "haan toh ", "suno ",
                          "waise ", "dekho "],
    "suf_h": [""] * 10 + [" yaar", " lol", " bhai", "...", " sach mein", " kya karu",
                          " haha", " pata nahi kyun", " bas", " hai na", " :(", " :)",
                          " hamesha ki tarah", " phir se", " kya hi bolu"],
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
    # ---- crisis phrase families: the crisis words stay, the circumstances vary
    "passive_ideation": {
        "en": ["{pre}wish I could just {vanish}", "{pre}feeling {distress}, what's the point",
               "{pre}I'm a burden, {people} would be better off without me",
               "{pre}I'm just a burden to {people}",
               "{pre}so empty, I don't want to wake up {when}",
               "{pre}tired of existing {time}",
               "{pre}no reason to keep going, it's all pointless",
               "{pre}I just want it all to end {time}",
               "{pre}sometimes I wish I was dead", "{pre}life feels pointless {time}",
               "{pre}{neg} and honestly wish I could {vanish}",
               "{pre}nobody at {place} would notice if I was gone",
               "{pre}{people} would be fine if I was gone",
               "{pre}even {activity} feels pointless now"],
        "hinglish": ["{pre_h}kya fayda hai jeene ka", "{pre_h}kaash main gayab ho jaun",
                     "{pre_h}{people_h} ko mere bina accha rahega",
                     "{pre_h}dil udaas hai, jeene ka mann nahi karta",
                     "{pre_h}khali khali lagta hai, subah uthne ka mann nahi",
                     "{pre_h}sab khatam ho jaye bas", "{pre_h}main {people_h} pe burden hoon",
                     "{pre_h}kabhi kabhi lagta hai mar jaun",
                     "{pre_h}{neg_h} hoon, kya fayda hai sabka",
                     "{pre_h}main burden hoon, {people_h} ko farak nahi padega"],
    },
    "immediate_harm": {
        "en": ["{pre}{when} I'm going to end it", "{pre}I have the pills ready for {when}",
               "{pre}I'm going to kill myself {when}",
               "{pre}wrote goodbye notes for {people}, it's {when}",
               "{pre}standing on the {high_place} right now, ready to jump",
               "{pre}the rope is ready, {when}",
               "{pre}saved up enough pills to overdose {when}",
               "{pre}I'll jump off the {high_place} {when}, decided",
               "{pre}this is my last {daypart}, goodbye {people}"],
        "hinglish": ["{pre_h}{when_h} sab khatam kar dunga",
                     "{pre_h}pills jama kar li hain, {when_h}",
                     "{pre_h}{high_place} se kood jaunga {when_h}",
                     "{pre_h}rope ready hai, {when_h}",
                     "{pre_h}{when_h} khud ko khatam kar dungi",
                     "{pre_h}goodbye {people_h}, {when_h} last hai",
                     "{pre_h}zeher le aaya hoon, {when_h}"],
    },
    "self_harm": {
        "en": ["{pre}cut my {limb} again {time}",
               "{pre}the blade is the only thing that helps with {stressor}",
               "{pre}burned my {limb} with a {hot_thing} {time}",
               "{pre}relapsed, cutting again after {neg_event}",
               "{pre}I hurt myself on purpose {time}",
               "{pre}hiding the scars on my {limb} from {someone}",
               "{pre}want to cut just to feel something {time}",
               "{pre}I made myself bleed {time}"],
        "hinglish": ["{pre_h}phir se {limb_h} kaat liya",
                     "{pre_h}blade se khud ko hurt kiya {time_h}",
                     "{pre_h}{hot_thing} se {limb_h} jala diya",
                     "{pre_h}khud ko dard dena accha lagta hai {time_h}",
                     "{pre_h}{limb_h} ke scars chhupane padte hain ab",
                     "{pre_h}{time_h} phir se cut kiya"],
    },
    "substance": {
        "en": ["{pre}drinking alone again to cope with {stressor}",
               "{pre}getting wasted every night, can't sleep otherwise",
               "{pre}took way too many pills to feel numb {time}",
               "{pre}drunk every night {time}",
               "{pre}blackout drunk at {place} again, don't remember anything",
               "{pre}using again just to feel numb {time}",
               "{pre}need {drink} to stop feeling {neg}",
               "{pre}mixed pills and {drink} {time}, whatever happens",
               "{pre}finished a bottle of {drink} {time}, still drunk"],
        "hinglish": ["{pre_h}daaru ke bina neend nahi aati",
                     "{pre_h}roz peeke sota hoon, nasha chahiye {time_h}",
                     "{pre_h}{time_h} bahut daaru pi li, bas bhoolna tha",
                     "{pre_h}nasha hi sahara hai {time_h}",
                     "{pre_h}pills aur {drink} dono le li", "{pre_h}{time_h} phir se drunk hoon"],
    },
    "panic": {
        "en": ["{pre}heart racing at {place}, can't breathe",
               "{pre}my heart is pounding out of my chest {time}",
               "{pre}hands shaking on the {transport}, feel like I'm choking",
               "{pre}having a panic attack {time}",
               "{pre}chest is tight and I'm dizzy at {place}",
               "{pre}feels like I'm suffocating {time}",
               "{pre}heart racing and I think I'm dying",
               "{pre}panic attack before the {work_thing}, shaking"],
        "hinglish": ["{pre_h}ghabrahat ho rahi hai, saans nahi aa rahi",
                     "{pre_h}dil bahut tez dhadak raha hai {time_h}",
                     "{pre_h}haath kaanp rahe hain, ghabrahat ho rahi hai",
                     "{pre_h}{time_h} panic attack aaya",
                     "{pre_h}dar lag raha hai, dil ruk jayega",
                     "{pre_h}{thing_h} se pehle ghabrahat se chakkar aa rahe hain"],
    },
    "psychotic": {
        "en": ["{pre}the voices are back {time}",
               "{pre}someone is watching me through the {watch_thing}",
               "{pre}they put cameras in my {room}",
               "{pre}I hear whispering in the {room} when nobody is there",
               "{pre}{someone} is spying on me", "{pre}they are poisoning my {food}",
               "{pre}the {watch_thing} is sending me messages, so scared",
               "{pre}the voices tell me {someone} is following me"],
        "hinglish": ["{pre_h}koi mujhe {watch_thing} se dekh raha hai, darr lagta hai",
                     "{pre_h}awaazein sunai deti hain {time_h}",
                     "{pre_h}phone mein koi sun raha hai, bahut darr hai",
                     "{pre_h}{person_h} mera peecha kar rahe hain",
                     "{pre_h}{food} mein zeher mila rahe hain",
                     "{pre_h}deewar se awaazein aati hain {time_h}"],
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
               "{weekday} ko", "{meal} ke baad"],
    "high_place": ["bridge", "roof", "terrace", "flyover", "building", "ledge", "cliff",
                   "overpass", "tower", "water tank"],
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
                 "subah {neutral_event_h}, phir {meal} se pehle {neutral_event_h}.",
                 "baad mein {person_h} ka call aaya aur {topic} ke baare mein baat hui.",
                 "{thing_h} mein hi aadha din nikal gaya{pace_h}.",
                 "{topic} ke baare mein sochta rehta hoon aajkal.",
                 "{place_h} mein {objects} sale pe the.",
                 "kal {object} {v_past_h}, aaj {neutral_event_h}.",
                 "{name} ne {food} ke saath {topic} ki baat ki."],
}

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

# Crisis posts get their own openers/closers (no "lol :)"), and every template gets a closer.
SLOTS.update({
    "pre_c": [""] * 8 + ["honestly ", "idk ", "sorry but ", "it's late and ", "again. ",
                         "can't do this, ", "ok so ", "nobody asked but ", "i think ",
                         "not sure why i'm posting, ", "{name}, "],
    "suf_c": [""] * 8 + [" honestly", "...", " again", " sorry", " for real", " idk",
                         " i'm done", " nobody gets it", " tbh", " {time}",
                         " and {someone} has no idea", " after {neg_event}"],
    "pre_ch": [""] * 8 + ["yaar ", "sach mein ", "pata nahi, ", "bas ", "sorry par ", "ab ",
                          "{name}, "],
    "suf_ch": [""] * 8 + [" yaar", "...", " bas", " pata nahi", " kya karu", " sach mein",
                          " ab", " sorry", " {time_h}"],
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
