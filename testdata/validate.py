import json, os, re, sys, unicodedata, glob
D = sys.argv[1]
EXTRA = sys.argv[2:]  # extra gold files for cross-file surface-form checks
TYPES = {"Person", "State", "Place", "Organization", "Weapon"}
ACTOR = {"Person", "State", "Organization"}
SYM = {"NEGOTIATES_WITH", "MEETS_WITH", "COOPERATES_WITH"}
# rel -> (allowed sources, allowed targets) for required; optional gets the extended schema
REQ = {
 "NEGOTIATES_WITH": (ACTOR, ACTOR), "MEETS_WITH": (ACTOR, ACTOR), "MEDIATES": (ACTOR, ACTOR),
 "COOPERATES_WITH": (ACTOR, ACTOR), "SUPPORTS": (ACTOR, ACTOR), "DEMANDS": (ACTOR, ACTOR),
 "CRITICIZES": (ACTOR, ACTOR), "THREATENS": (ACTOR, ACTOR), "SANCTIONS": (ACTOR, ACTOR),
 "ATTACKS": (ACTOR, ACTOR | {"Place"}), "DEPLOYS": (ACTOR, {"Weapon"}), "USES": (ACTOR, {"Weapon"}),
 "POSSESSES": (ACTOR, {"Weapon"}),
 "AFFILIATED_WITH": ({"Person", "Organization"}, {"State", "Organization"}),
 "RELATIVE_OF": ({"Person"}, {"Person"}),
 "LOCATED_IN": ({"Place"}, {"Place", "State"}),
}
OPT = dict(REQ)
OPT["ATTACKS"] = (ACTOR, ACTOR | {"Place", "Weapon"})
OPT["AFFILIATED_WITH"] = ({"Person", "Organization", "State"}, {"State", "Organization"})
OPT["LOCATED_IN"] = ({"Place", "Organization", "Weapon"}, {"Place", "State"})

def norm(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[^\w\s]", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"^the ", "", s)
    return s

errs = []
def err(f, m): errs.append(f"{f}: {m}")
surface = {}   # (type, form) -> (file, name)
canon = {}     # name -> (type, file)
def register(f, e):
    if canon.get(e["name"], (e["type"],))[0] != e["type"]:
        err(f, f"name {e['name']} has type {e['type']} but {canon[e['name']]}")
    canon.setdefault(e["name"], (e["type"], f))
    for form in {norm(x) for x in [e["name"]] + e["aliases"]}:
        k = (e["type"], form)
        if k in surface and surface[k][1] != e["name"]:
            err(f, f"surface form '{form}' ({e['type']}) of {e['name']} also used by {surface[k][1]} in {surface[k][0]}")
        surface.setdefault(k, (f, e["name"]))

for g in EXTRA:
    d = json.load(open(g))
    for e in d["entities"] + d["optional_entities"]:
        register(os.path.basename(g), e)

rows = []
for g in sorted(glob.glob(os.path.join(D, "*.gold.json"))):
    f = os.path.basename(g); stem = f[:-len(".gold.json")]
    try:
        d = json.load(open(g, encoding="utf-8"))
    except Exception as ex:
        err(f, f"invalid JSON {ex}"); continue
    if set(d) != {"article", "entities", "optional_entities", "relations", "optional_relations"}:
        err(f, f"keys {sorted(d)}")
    if d["article"] != stem: err(f, "article != stem")
    txtp = os.path.join(D, stem + ".txt")
    text = open(txtp, encoding="utf-8").read()
    n = len(text)
    if not (1500 <= n <= 2500): err(f, f"text length {n}")
    ntext = " " + norm(text) + " "
    types = {}
    req_names = set()
    for key in ("entities", "optional_entities"):
        for e in d[key]:
            if set(e) != {"name", "type", "aliases"}: err(f, f"entity keys {e}")
            if e["type"] not in TYPES: err(f, f"bad type {e}")
            if e["name"] in types: err(f, f"duplicate entity {e['name']}")
            types[e["name"]] = e["type"]
            if key == "entities":
                req_names.add(e["name"])
                if not any(" " + norm(x) + " " in ntext for x in [e["name"]] + e["aliases"] if norm(x)):
                    err(f, f"required entity not in text: {e['name']}")
            register(f, e)
    seen = set()
    for key in ("relations", "optional_relations"):
        table = REQ if key == "relations" else OPT
        for r in d[key]:
            if set(r) != {"source", "type", "target"}: err(f, f"relation keys {r}")
            s, t, o = r["source"], r["type"], r["target"]
            if t not in REQ: err(f, f"bad rel type {r}"); continue
            if s not in types or o not in types: err(f, f"endpoint not listed {r}"); continue
            if s == o: err(f, f"self loop {r}")
            if key == "relations" and not (s in req_names and o in req_names):
                err(f, f"required relation to optional entity {r}")
            src, tgt = table[t]
            if types[s] not in src or types[o] not in tgt:
                err(f, f"{key}: direction/type mismatch {r} ({types[s]}->{types[o]})")
            k = (frozenset((s, o)), t) if t in SYM else (s, t, o)
            if k in seen: err(f, f"duplicate relation {r}")
            seen.add(k)
    rows.append((stem, n, d))
for e in errs: print("ERROR", e)
print("errors:", len(errs))
