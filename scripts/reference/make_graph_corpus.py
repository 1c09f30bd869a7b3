"""Writes a corpus of real sentences for `maia-bench graph` (recall of PostgreSQL's HNSW graph on real embeddings).

Random unit vectors are the graph's worst case and say little about what a person's memories look like; this gives
the benchmark texts whose MiniLM embeddings have the clusters and spread of real language:

- half: everyday talk with MAIA, composed from a few hundred phrases (moments, activities, people, places,
  feelings, MAIA's replies), so that topics recur with different details as in a long history;
- half: sentences of the docstrings of the Python installation running this script (real, varied English prose).

Usage: python3 scripts/reference/make_graph_corpus.py OUT_DIR [COUNT]  (default 100000). Writes OUT_DIR/texts.txt
(COUNT lines) and OUT_DIR/queries.txt: the long recall set's 90 questions, plus 110 held-out sentences of each
kind (not in texts.txt). Deterministic for one Python installation (seeded).
"""

import ast
import json
import pathlib
import random
import re
import sys
import sysconfig

SEED = 20261205

MOMENTS = ["Today", "Yesterday", "This morning", "Last night", "On Saturday", "Last weekend", "Over the holidays",
           "After work", "On my lunch break", "Early on Sunday", "This evening", "A few days ago", "Last month",
           "On the way home", "Before breakfast", "During the storm", "At the end of the day", "On my day off"]
ACTIVITIES = [
    "I went running along the canal", "I cooked a lentil curry", "I finally called the landlord about the boiler",
    "I started a new pottery class", "I walked the dog in the park", "I had a long talk", "I cleaned out the garage",
    "I went to the dentist", "I planted tomatoes on the balcony", "I sat my driving theory test",
    "I tried the new climbing gym", "I fixed the bike's back brake", "I baked sourdough for the first time",
    "I visited my grandmother in the care home", "I argued about the rent", "I went swimming in the lake",
    "I had a job interview", "I painted the hallway", "I watched the football", "I read half of the novel",
    "I took the train to the coast", "I helped with the school fundraiser", "I went to a concert",
    "I signed up for a Spanish course", "I made a budget for the year", "I tidied the kids' room",
    "I met an old colleague for coffee", "I practised the piano", "I went to the farmers' market",
    "I repotted the monstera", "I drove to the airport", "I spent hours on the tax return", "I went to yoga",
    "I hiked up the hill behind the village", "I stayed in bed with a migraine", "I fed the neighbour's cats",
    "I went to the hospital for the scan", "I wrote a letter to my brother", "I ordered new glasses",
    "I finished the quarterly report", "I took my mum to the garden centre", "I cancelled the gym membership",
    "I went to a birthday dinner", "I tried meditation again", "I looked at flats in the old town",
    "I had my performance review", "I learned to make dumplings", "I went to the vet with the cat",
    "I sorted out the insurance claim", "I volunteered at the food bank",
]
COMPANY = ["", "with Priya", "with my sister", "with Tom", "with the kids", "with my dad", "with Leila", "alone",
           "with the team from work", "with my neighbour", "with Jonas", "with my best friend", "with my partner",
           "with Grandma", "with the choir people", "with Marcus"]
FEELINGS = [
    "and I felt proud of myself", "and it was exhausting", "and honestly it made my week",
    "but I keep worrying about money", "and I laughed more than I have in ages", "but my knee hurt afterwards",
    "and I want to do it again soon", "but I'm not sure it was worth it", "and it reminded me of being a child",
    "and I feel a bit lonely now", "and it went better than I expected", "but we ended up arguing",
    "and I slept really well after", "but I was late for everything else", "and it cost far too much",
    "and I think I'm finally getting the hang of it", "but I felt anxious the whole time", "and the weather was perfect",
    "and I can't stop thinking about it", "but I forgot my keys again",
]
REPLIES = [
    "That sounds like a lot — how are you feeling about {thing} now?",
    "I'm glad you told me about {thing}. What was the best part?",
    "You mentioned {thing} before; has anything changed since then?",
    "How did the others react to {thing}?",
    "It sounds like {thing} mattered to you. Do you want to plan the next step?",
    "That's wonderful news about {thing}!",
    "Would it help to write down what worried you about {thing}?",
]
THINGS = ["the interview", "the new class", "your knee", "the move", "the dog", "your sister", "the rent",
          "the concert", "the report", "the trip to the coast", "your grandmother", "the budget", "the garden",
          "the piano", "the argument", "your sleep", "the hospital visit", "the fundraiser", "the flat",
          "your new job", "the dinner", "your brother", "the cat", "the insurance claim"]


def talk(rng, count):
    texts = set()
    while len(texts) < count:
        if rng.random() < 0.7:
            company = rng.choice(COMPANY)
            text = f"{rng.choice(MOMENTS)} {rng.choice(ACTIVITIES)}{' ' + company if company else ''}, " \
                   f"{rng.choice(FEELINGS)}."
        else:
            text = rng.choice(REPLIES).format(thing=rng.choice(THINGS))
            text = f"{rng.choice(['', 'Oh, ', 'Hmm, ', 'Right — '])}{text}"
            text = text[0].upper() + text[1:]
        texts.add(text)
    return sorted(texts)


def docstring_sentences():
    sentences = set()
    for path in sorted(pathlib.Path(sysconfig.get_paths()["stdlib"]).rglob("*.py")):
        try:
            tree = ast.parse(path.read_text(errors="ignore"))
        except (SyntaxError, ValueError):
            continue
        for node in ast.walk(tree):
            if not isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            doc = ast.get_docstring(node)
            for paragraph in re.split(r"\n\s*\n", doc or ""):
                for sentence in re.split(r"(?<=[.!?])\s+", " ".join(paragraph.split())):
                    # Control characters (a NUL in a docstring about UTF-16) are not text a person writes.
                    if 30 <= len(sentence) <= 300 and re.match(r"^[A-Z][a-z]", sentence) and sentence.isprintable():
                        sentences.add(sentence)
    return sorted(sentences)


def main():
    out = pathlib.Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 100000
    rng = random.Random(SEED)
    prose = docstring_sentences()
    rng.shuffle(prose)
    half = count // 2
    if len(prose) < half + 110:
        sys.exit(f"only {len(prose)} docstring sentences here; need {half + 110} (use a smaller COUNT)")
    spoken = talk(rng, count - half + 110)
    rng.shuffle(spoken)
    texts = spoken[110:] + prose[110:half + 110]
    rng.shuffle(texts)
    long_set = json.loads((pathlib.Path(__file__).resolve().parents[2] / "Tests/Fixtures/long-recall-set.json")
                          .read_text())
    queries = [q["query"] for p in long_set["people"] for q in p["questions"]] + spoken[:110] + prose[:110]
    out.mkdir(parents=True, exist_ok=True)
    (out / "texts.txt").write_text("\n".join(texts) + "\n")
    (out / "queries.txt").write_text("\n".join(queries) + "\n")
    print(f"wrote {out}/texts.txt ({len(texts)} texts: {count - half} talk, {half} docstring sentences) and "
          f"{out}/queries.txt ({len(queries)} queries)")


if __name__ == "__main__":
    main()
