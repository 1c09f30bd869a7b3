"""Writes Tests/Fixtures/long-recall-set.json: long multi-session conversations for `maia-bench recall --long`.

The shape of the public long-conversation benchmarks (dated sessions, hundreds of turns a person, questions whose
evidence is specific earlier turns), generated so that it can be committed and regenerated: five synthetic people,
each with 24 dated sessions over 14 months of everyday talk with MAIA. Into the talk go life events (a pet adopted,
a job change, an injury that heals, trips, a relationship that ends and a new one, a move, a book, a quarrel and
its mending); everyday filler reuses the same names and words (the pet, the employer, the friend), so that a
question's words also match many turns that do not answer it. Some events are said across two turns (MAIA asks,
the person answers "Yes, finally!"), so the answering turn alone does not hold the fact.

Question kinds (each question names its evidence turns, by `client_id`):
- single: one fact said once ("What is my cat called?");
- multi: a fact spread over several sessions ("Which places have I travelled to?");
- temporal: about time, asked on a stated date ("When did I adopt my pet?", "What did I do last spring?");
- update: the person's situation that changed, whose evidence is only the newest state ("Where do I work now?").

Deterministic: a fixed seed; run `python3 scripts/reference/make_long_recall_fixture.py` and commit both files.
"""

import datetime as dt
import json
import pathlib
import random

SEED = 20261204
START = dt.date(2024, 1, 8)
SESSIONS = 24
ASKED_AT = "2025-04-02T10:00:00Z"  # after the last session: "last spring" is March-May 2024

PEOPLE = [
    dict(user="long-ana", name="Ana", pet=("cat", "Miso"), job1=("nurse", "St Mary's hospital"),
         job2=("clinic manager", "Riverside Clinic"), sibling=("brother", "Tomás", "Edinburgh"),
         hobby="pottery", body="knee", partner1="Jonas", partner2="Leila", area1="Hackney", area2="Walthamstow",
         book=("Middlemarch", "George Eliot"), friend="Priya", quarrel="the wedding costs",
         trips=["Porto", "the Lake District", "Kraków"]),
    dict(user="long-ben", name="Ben", pet=("dog", "Pepper"), job1=("accountant", "Hollis & Reed"),
         job2=("data analyst", "Northwind Energy"), sibling=("sister", "Ruth", "Vancouver"),
         hobby="climbing", body="shoulder", partner1="Mara", partner2="Sam", area1="a flat above the bakery",
         area2="a terraced house near the canal", book=("The Overstory", "Richard Powers"), friend="Dev",
         quarrel="the band money", trips=["Lisbon", "Snowdonia", "Copenhagen"]),
    dict(user="long-chloe", name="Chloe", pet=("rabbit", "Clover"), job1=("teacher", "Greenfield Primary"),
         job2=("curriculum designer", "Brightpath Learning"), sibling=("brother", "Felix", "Melbourne"),
         hobby="choir singing", body="back", partner1="Omar", partner2="Theo", area1="the old town",
         area2="a cottage outside the village", book=("Pachinko", "Min Jin Lee"), friend="Hannah",
         quarrel="her moving out of our shared flat", trips=["Seville", "the Scottish Highlands", "Ljubljana"]),
    dict(user="long-dmitri", name="Dmitri", pet=("parrot", "Kiwi"), job1=("chef", "Bistro Lune"),
         job2=("food truck owner", "his own truck, Borsch & Co"), sibling=("sister", "Katya", "Berlin"),
         hobby="woodworking", body="wrist", partner1="Elena", partner2="Noor", area1="a studio by the station",
         area2="a two-bedroom flat by the park", book=("Kitchen Confidential", "Anthony Bourdain"), friend="Luis",
         quarrel="the catering gig he cancelled", trips=["Naples", "Cornwall", "Tbilisi"]),
    dict(user="long-emma", name="Emma", pet=("dog", "Juno"), job1=("paralegal", "Carter Bloom LLP"),
         job2=("mediator", "the county family court"), sibling=("sister", "Isla", "Dublin"),
         hobby="open-water swimming", body="ankle", partner1="Marcus", partner2="Ravi", area1="a shared house in Leith",
         area2="a flat of my own in Stockbridge", book=("Beloved", "Toni Morrison"), friend="Zoe",
         quarrel="what she said at my birthday", trips=["Bordeaux", "the Isle of Skye", "Vienna"]),
]

# Everyday filler: the person's turns, with {slots} filled from the person so that names recur everywhere.
FILLER_USER = [
    "Work was exhausting today, back-to-back meetings at {employer}.",
    "I slept badly again, I kept waking up at 4am.",
    "{petname} woke me up at six demanding breakfast.",
    "Had a quick coffee with {friend} after work.",
    "The weekend went by too fast, I barely rested.",
    "I feel a bit flat today, nothing special happened.",
    "My mum called, she wants us all together for Sunday lunch.",
    "I keep thinking I should exercise more.",
    "The commute was awful, the train was cancelled twice.",
    "I cooked a big pot of soup to last the week.",
    "Money is a bit tight this month.",
    "I spent the evening tidying the flat and it felt good.",
    "{petname} has been so funny lately, always chasing shadows.",
    "I had a small argument with a colleague about a deadline.",
    "I'm trying to read more before bed instead of scrolling.",
    "The weather has been grey and rainy all week.",
    "I finally booked the dentist appointment I'd been avoiding.",
    "I feel more confident at work than I did a year ago.",
    "My {sibrel} texted me a photo of the view from their window.",
    "I want to plan something nice for the summer.",
    "I went for a long walk and it cleared my head.",
    "Today I was irritable for no real reason.",
    "I've been thinking about what I want from the next few years.",
    "There was a leak in the bathroom, the landlord still hasn't fixed it.",
    "I watched a documentary about the ocean last night.",
    "Work at {employer} is calmer this week.",
    "I'm proud that I kept my routine going this week.",
    "I cancelled plans with {friend} because I was too tired.",
    "I had a headache most of the afternoon.",
    "I got some nice feedback from my manager today.",
]
FILLER_MAIA = [
    "That sounds like a lot to carry. What helped, even a little?",
    "Thank you for telling me. How are you feeling about it now?",
    "It makes sense that you're tired after a week like that.",
    "What would a kind next step look like for you?",
    "I remember you said rest matters to you. Did you get any this week?",
    "That's a real achievement, even if it feels small.",
    "How did your body feel while that was happening?",
    "It sounds like you needed that.",
    "What do you think was underneath the irritation?",
    "Would you like to talk it through, or just let it be for now?",
    "Small routines can hold us up on grey days.",
    "It's okay to have flat days; they pass.",
    "What are you looking forward to this week?",
    "That's a good question to sit with.",
    "How are things at work otherwise?",
    "And how is {petname} doing?",
    "Have you spoken to {friend} lately?",
    "It sounds like your family matters a lot to you.",
]


SEASONS = {3: "spring", 4: "spring", 5: "spring", 6: "summer", 7: "summer", 8: "summer",
           9: "autumn", 10: "autumn", 11: "autumn"}


def session_dates(rng):
    """24 session dates over about 14 months, 12 to 22 days apart."""
    dates, day = [], START
    for _ in range(SESSIONS):
        dates.append(day)
        day += dt.timedelta(days=rng.randint(12, 22))
    return dates


def events(p):
    """(session index, [(role, text, evidence tags)]) for the person's life events.

    Tags name the questions a turn answers; the session index fixes when it happened (see session_dates)."""
    species, pet = p["pet"]
    j1, c1 = p["job1"]
    j2, c2 = p["job2"]
    rel, sib, city = p["sibling"]
    book, author = p["book"]
    t1, t2, t3 = p["trips"]
    return [
        (1, [("user", f"I work as a {j1} at {c1}; the shifts are long but I like the people.", ["career"])]),
        (2, [("user", f"My {rel} {sib} told me they're moving to {city} for good.", ["sibling"])]),
        (4, [("maia", f"Last time you were thinking about adopting a {species}. Did you decide?", ["pet", "pet-when"]),
             ("user", f"Yes! We brought {pet} home from the shelter on Saturday.", ["pet", "pet-when"])]),
        (5, [("user", f"I spent a long weekend in {t1}, walking everywhere and eating too much.", ["trips"])]),
        (6, [("maia", f"You mentioned wanting to try {p['hobby']}. Did you go to the first session?", ["hobby"]),
             ("user", "I did, and I loved it. I'm going every week now.", ["hobby"])]),
        (7, [("user", f"I've started seeing someone, {p['partner1']}. It's early days but I'm happy.", ["partner-hist"])]),
        (8, [("user", f"I hurt my {p['body']} on a run, it's swollen and I can barely walk on it.", ["injury"])]),
        (9, [("user", f"The physio says my {p['body']} needs six weeks of exercises.", ["injury"]),
             ("user", f"I'm reading {book} by {author}, slowly, a chapter a night.", ["book"])]),
        (10, [("user", f"Just back from {t2}: rain every day but the hills were beautiful.", ["trips"])]),
        (11, [("user", f"{p['friend']} and I had a real fight about {p['quarrel']}. We're not speaking.", ["friend"])]),
        (12, [("user", f"{p['partner1']} and I broke up. It was mutual, but it still hurts.", ["partner-hist"])]),
        (13, [("user", f"I handed in my notice at {c1}. I got the {j2} job at {c2}!", ["career", "job-now", "job-when"])]),
        (14, [("maia", f"Have you and {p['friend']} talked since the argument?", ["friend"]),
              ("user", "We finally did, over a long dinner. We're okay again.", ["friend"])]),
        (15, [("user", f"My {p['body']} is finally fine, I ran five kilometres without pain.", ["injury", "injury-now"])]),
        (16, [("user", f"We moved out of {p['area1']}. We're in {p['area2']} now and I love the space.", ["home-now"])]),
        (18, [("user", f"I met {p['partner2']} at a friend's birthday; we've been on three dates.", ["partner-now", "partner-hist"])]),
        (19, [("user", f"The new job at {c2} is demanding, but I feel useful.", ["job-now", "career"])]),
        (20, [("user", f"We went to {t3} over the new year, it was freezing and magical.", ["trips"])]),
        (21, [("user", f"{p['partner2']} and I are officially together now.", ["partner-now", "partner-hist"])]),
    ]


def questions(p):
    species, _ = p["pet"]
    rel = p["sibling"][0]
    return [
        ("single", "What is my pet's name?", "pet"),
        ("single", f"Where did my {rel} move to?", "sibling"),
        ("single", "What hobby did I take up?", "hobby"),
        ("single", "Which novel was I reading?", "book"),
        ("multi", "Which places have I travelled to?", "trips"),
        ("multi", "How has my career changed?", "career"),
        ("multi", f"What happened with my {p['body']} injury?", "injury"),
        ("multi", "What happened between me and my friend after our fight?", "friend"),
        ("multi", "Who have I dated?", "partner-hist"),
        ("temporal", f"When did I adopt the {species}?", "pet-when"),
        ("temporal", "When did I change jobs?", "job-when"),
        ("temporal", "What did I do last spring?", "spring"),
        ("temporal", "What happened last summer?", "summer"),
        ("temporal", "What happened in the autumn?", "autumn"),
        ("update", "Where do I work now?", "job-now"),
        ("update", "Am I seeing anyone at the moment?", "partner-now"),
        ("update", f"How is my {p['body']} now?", "injury-now"),
        ("update", "Where do I live now?", "home-now"),
    ]


def person(p, rng):
    dates = session_dates(rng)
    slots = dict(employer=p["job1"][1], petname=p["pet"][1], friend=p["friend"], sibrel=p["sibling"][0])
    by_session = dict(events(p))
    messages, tagged = [], {}
    for index, day in enumerate(dates):
        if index == 13:
            slots["employer"] = p["job2"][1]
        clock = dt.datetime(day.year, day.month, day.day, 19, 0, tzinfo=dt.timezone.utc)
        turns = []
        # Before the pet arrives its name is not in the talk.
        pool = [line for line in FILLER_USER if index > 4 or "{petname}" not in line]
        maia_pool = [line for line in FILLER_MAIA if index > 4 or "{petname}" not in line]
        for _ in range(rng.randint(7, 10)):
            turns.append(("user", rng.choice(pool).format(**slots), []))
            turns.append(("maia", rng.choice(maia_pool).format(**slots), []))
        if index in by_session:
            at = rng.randrange(2, len(turns) - 2, 2)
            turns[at:at] = by_session[index]
        session = f"s{index + 1:02d}"
        for number, (role, text, tags) in enumerate(turns):
            key = f"{p['user']}-{session}-t{number + 1:02d}"
            when = clock + dt.timedelta(minutes=2 * number)
            messages.append(dict(client_id=key, role=role, content=text, session_id=session,
                                 created_at=when.strftime("%Y-%m-%dT%H:%M:%SZ")))
            # An event turn also answers "what happened" in its season of 2024 (from the session's date).
            season = SEASONS.get(day.month) if day.year == 2024 and tags else None
            for tag in tags + ([season] if season else []):
                tagged.setdefault(tag, []).append(key)
    asked = [dict(kind=kind, query=query, asked_at=ASKED_AT, evidence=tagged[tag])
             for kind, query, tag in questions(p)]
    return dict(user=p["user"], messages=messages, questions=asked)


def main():
    rng = random.Random(SEED)
    people = [person(p, rng) for p in PEOPLE]
    out = pathlib.Path(__file__).resolve().parents[2] / "Tests/Fixtures/long-recall-set.json"
    out.write_text(json.dumps(dict(seed=SEED, people=people), ensure_ascii=False, indent=1) + "\n")
    turns = sum(len(p["messages"]) for p in people)
    print(f"wrote {out}: {len(people)} people, {turns} turns, {sum(len(p['questions']) for p in people)} questions")


if __name__ == "__main__":
    main()
