#!/usr/bin/env python3
"""Writes schemas/scenario.schema.json from the seed tables, so the schema's lists of State codes,
groupings, topics, bodies, mechanisms and eras cannot drift from the data the library embeds.
A test compares the committed schema with the seeds."""
import csv, json, os

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
def column(name, col, where=None):
    with open(os.path.join(root, "seeds", name), encoding="utf-8") as f:
        return [r[col] for r in csv.DictReader(f) if where is None or where(r)]

states = column("participating-states.csv", "code")
groupings = column("groupings.csv", "id")
blocs = column("groupings.csv", "id", lambda r: r["kind"] == "bloc")
topics = column("fields-of-work.csv", "id")
bodies = column("bodies.csv", "id", lambda r: r["kind"] == "decision-making")
mechanisms = column("mechanisms.csv", "id")
eras = column("eras.csv", "id")

unit = {"type": "number", "minimum": 0, "maximum": 1}
def point(desc): return {"type": "array", "items": {**unit}, "minItems": 1, "description": desc}

schema = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://consensussim.org/schemas/scenario.schema.json",
    "title": "ConsensusSim scenario",
    "description": "A decision to simulate: which OSCE participating States take part, how each behaves, the proposal(s), the decision rule, the procedure and the run settings. Comments (//, /* */) and trailing commas are allowed.",
    "type": "object",
    "additionalProperties": False,
    "required": ["name"],
    "properties": {
        "$schema": {"type": "string", "description": "Path or URL of this schema, for editors."},
        "name": {"type": "string", "minLength": 1, "description": "A short name, shown in results and reports."},
        "description": {"type": "string", "description": "A longer description of the decision."},
        "era": {"enum": eras, "description": "Start from a calibrated era: its tension, bloc correlation and blocs' linkage and blocking cost. The scenario's own settings win."},
        "states": {"description": "The States taking part: \"all\" (default) or a list of ISO 3166-1 alpha-3 codes.",
                   "oneOf": [{"const": "all"}, {"type": "array", "items": {"enum": states}, "uniqueItems": True}]},
        "actors": {"type": "array", "description": "Participants that are not OSCE States (for example from 'consensussim import'); without \"states\" they are the whole cast.",
                   "items": {"type": "object", "additionalProperties": False, "required": ["code"], "properties": {
                       "code": {"type": "string", "minLength": 1, "description": "The actor's code, unique among participants; overrides name it."},
                       "name": {"type": "string", "description": "A readable name."},
                       "power": {"type": "number", "minimum": 0, "description": "Power or influence; only ratios matter (the weight under rule weight 'power')."},
                       "bloc": {"type": "string", "minLength": 1, "description": "Actors of one bloc share part of their noise; leave out for an actor standing alone."}}}},
        "dimensions": {"type": "array", "items": {"type": "string", "minLength": 1}, "uniqueItems": True, "minItems": 1,
                       "default": ["politico-military", "economic-environmental", "human"],
                       "description": "The policy dimensions; positions on each are in [0, 1], 0 = status-quo-preserving, 1 = maximal joint commitment."},
        "proposal": {"$ref": "#/$defs/proposal", "description": "The draft put to the States (use proposals for a package)."},
        "proposals": {"type": "array", "items": {"$ref": "#/$defs/proposal"}, "minItems": 1,
                      "description": "Several proposals decided as one package (one objection blocks all) and, for comparison, one by one."},
        "chair": {"type": "object", "additionalProperties": False, "description": "The Chair's strategy as agenda-setter.",
                  "properties": {
                      "strategy": {"enum": ["fixed", "compromise", "agenda-setter"], "default": "fixed", "description": "fixed: the draft as tabled; compromise: move toward the status quo where objectors care; agenda-setter: the Chair's best point inside the perceived win-set."},
                      "step": {"type": "number", "exclusiveMinimum": 0, "maximum": 1, "default": 0.25, "description": "Compromise step α per revision."},
                      "idealPoint": point("The agenda-setter's ideal point, one coordinate per dimension."),
                      "state": {"enum": states, "description": "The chairing State; its ideal point is the agenda-setter's when idealPoint is not given."}}},
        "rule": {"description": "What a vote must show to adopt. A supporter is a State that does not object.",
                 "oneOf": [{"enum": ["consensus", "unanimity-with-abstention", "simple-majority", "approximate-consensus"]},
                           {"$ref": "#/$defs/rule"}], "default": "consensus"},
        "behaviour": {"type": "object", "additionalProperties": False, "description": "How States take positions.",
                      "properties": {
                          "model": {"enum": ["stance", "fixed-objection"], "default": "stance", "description": "stance: spatial gains, noise and hostage-taking; fixed-objection: each State objects with its own probability."},
                          "tension": {**unit, "default": 0, "description": "Politico-military tension T of the era, 0 = détente, 1 = war."},
                          "blocCorrelation": {**unit, "default": 0, "description": "Share ρ of noise variance shared inside each bloc (Gaussian copula)."},
                          "blocCorrelations": {"type": "object", "propertyNames": {"anyOf": [{"enum": blocs}, {"type": "string"}]}, "additionalProperties": {**unit}, "description": "ρ per bloc (a catalog bloc or an actors' bloc), overriding blocCorrelation."},
                          "loss": {"enum": ["linear", "quadratic"], "default": "linear", "description": "How distance from an ideal point becomes loss."}}},
        "defaults": {"$ref": "#/$defs/profile", "description": "Parameters for every State, before groupings and overrides."},
        "groupings": {"type": "object", "propertyNames": {"enum": groupings}, "additionalProperties": {"$ref": "#/$defs/profile"},
                      "description": "Parameters per grouping, applied in file order (later wins)."},
        "overrides": {"type": "object", "propertyNames": {"anyOf": [{"enum": states}, {"type": "string"}]}, "additionalProperties": {"$ref": "#/$defs/profile"},
                      "description": "Parameters for single States (ISO alpha-3 codes) or actors (their codes), applied last."},
        "procedure": {"type": "object", "additionalProperties": False, "description": "How the draft moves through the bodies.",
                      "properties": {
                          "procedure": {"enum": ["consensus", "single-decision"], "default": "consensus", "description": "consensus: the OSCE procedure; single-decision: one vote."},
                          "maxRounds": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 1, "description": "Meetings at which the draft is put before it is given up or escalated."},
                          "useSilence": {"type": "boolean", "default": False, "description": "Decide by silence procedure after a meeting agrees to it."},
                          "escalateToMinisterialCouncil": {"type": "boolean", "default": False, "description": "After the last round, one more vote at the Ministerial Council."},
                          "silenceDeterrence": {"type": "number", "minimum": 1, "maximum": 1000, "default": 1.5, "description": "How much harder breaking silence is than objecting at a meeting."},
                          "amendmentProbability": {**unit, "default": 0, "description": "Probability that a non-objecting State breaks silence with an amendment."},
                          "ministerialDeterrence": {"type": "number", "minimum": 1, "maximum": 1000, "default": 1.5, "description": "How much harder objecting is at the Ministerial Council."}}},
        "simulation": {"type": "object", "additionalProperties": False, "description": "Run settings (the command line can override them).",
                       "properties": {
                           "trials": {"type": "integer", "minimum": 1, "default": 100000, "description": "Monte Carlo trials."},
                           "seed": {"type": "integer", "minimum": 0, "maximum": 18446744073709551615, "default": 1975, "description": "Run seed: the same seed gives bit-identical results."}}},
    },
    "not": {"required": ["proposal", "proposals"]},
    "$defs": {
        "parameter": {"description": "A number, or a distribution drawn once per trial.",
                      "oneOf": [{"type": "number"},
                                {"type": "object", "additionalProperties": False, "required": ["uniform"], "properties": {"uniform": {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2, "description": "[lower, upper]"}}},
                                {"type": "object", "additionalProperties": False, "required": ["beta"], "properties": {"beta": {"type": "array", "items": {"type": "number", "exclusiveMinimum": 0}, "minItems": 2, "maxItems": 2, "description": "[alpha, beta], both > 0"}}},
                                {"type": "object", "additionalProperties": False, "required": ["truncatedNormal"], "properties": {"truncatedNormal": {"type": "array", "items": {"type": "number"}, "minItems": 4, "maxItems": 4, "description": "[mean, sd, lower, upper]"}}}]},
        "profile": {"type": "object", "additionalProperties": False, "description": "State parameters; any may be left out.",
                    "properties": {
                        "objectionProbability": {"$ref": "#/$defs/parameter", "description": "Probability of objecting in a vote (fixed-objection behaviour), in [0, 1]."},
                        "idealPoint": {"type": "array", "items": {"$ref": "#/$defs/parameter"}, "minItems": 1, "description": "Ideal point, one position in [0, 1] per dimension."},
                        "salience": {"type": "array", "items": {"type": "number", "minimum": 0}, "minItems": 1, "description": "Salience weights, one per dimension, summing to 1."},
                        "blockingCost": {"$ref": "#/$defs/parameter", "description": "Blocking cost τ ≥ 0: loss swallowed before objecting."},
                        "noise": {"$ref": "#/$defs/parameter", "description": "Noise scale σ ≥ 0 of the perceived gain."},
                        "linkage": {"$ref": "#/$defs/parameter", "description": "Linkage propensity λ in [0, 1]: readiness to take items hostage under tension."}}},
        "proposal": {"type": "object", "additionalProperties": False, "description": "A draft put to the States.",
                     "properties": {
                         "title": {"type": "string", "description": "A short title."},
                         "topic": {"enum": topics, "default": "counter-terrorism", "description": "The field of work; sets the susceptibility κ to political conjuncture."},
                         "body": {"enum": bodies, "default": "permanent-council", "description": "The deciding body."},
                         "kind": {"enum": ["declaration", "mandate", "budget", "appointment", "procedural"], "default": "declaration", "description": "The item kind, which fixes what happens when consensus fails."},
                         "statusQuo": point("The status quo q, one position per dimension."),
                         "draft": point("The tabled draft p₀, one position per dimension."),
                         "susceptibility": {**unit, "description": "Overrides the topic's susceptibility κ."}}},
        "rule": {"type": "object", "additionalProperties": False, "required": ["kind"], "description": "A decision rule with parameters.",
                 "properties": {
                     "kind": {"description": "The rule.", "enum": ["consensus", "consensus-minus-one", "consensus-minus-two", "unanimity-with-abstention", "qualified-majority", "simple-majority", "approximate-consensus", "mechanism"]},
                     "states": {"type": "array", "items": {"enum": states}, "uniqueItems": True, "description": "The named State (minus-one) or two disputants (minus-two) whose objections do not count."},
                     "stateShare": {**unit, "description": "Share of States that must support (qualified majority)."},
                     "weightShare": {**unit, "description": "Share of weight supporters must carry (qualified majority)."},
                     "weight": {"enum": ["equal", "population", "budget-share", "power"], "description": "What a participant weighs: 1, population or budget share (States), or power (actors)."},
                     "mechanism": {"enum": mechanisms, "description": "The mechanism to invoke."},
                     "minimumStates": {"type": "integer", "minimum": 0, "description": "Overrides the mechanism's threshold (0 = the catalog's)."}}},
    },
}
with open(os.path.join(root, "schemas", "scenario.schema.json"), "w", encoding="utf-8") as f:
    json.dump(schema, f, ensure_ascii=False, indent=2)
    f.write("\n")
