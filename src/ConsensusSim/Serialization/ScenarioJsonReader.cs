using System.Globalization;
using System.Text.Json;
using ConsensusSim.Model;

namespace ConsensusSim.Serialization;

/// <summary>Walks a parsed scenario document into a <see cref="ScenarioBuilder"/>, collecting shape problems with their paths.</summary>
internal sealed partial class ScenarioJsonReader
{
    internal static readonly string[] RootProperties = ScenarioFields.NamesIn(ScenarioFields.Root.Path);
    internal static readonly string[] ActorProperties = ScenarioFields.NamesIn(ScenarioFields.Actor.Path);
    internal static readonly string[] ChairProperties = ScenarioFields.NamesIn(ScenarioFields.Chair.Path);
    internal static readonly string[] ProfileProperties = ScenarioFields.NamesIn(ScenarioFields.Profile.Path);
    internal static readonly string[] ProposalProperties = ScenarioFields.NamesIn(ScenarioFields.Proposal.Path);
    internal static readonly string[] RuleProperties = ScenarioFields.NamesIn(ScenarioFields.Rule.Path);
    internal static readonly string[] BehaviourProperties = ScenarioFields.NamesIn(ScenarioFields.Behaviour.Path);
    internal static readonly string[] ProcedureProperties = ScenarioFields.NamesIn(ScenarioFields.Procedure.Path);
    internal static readonly string[] SimulationProperties = ScenarioFields.NamesIn(ScenarioFields.Simulation.Path);
    internal static readonly string[] DistributionNames = ScenarioFields.NamesIn(ScenarioFields.Parameter.Path);

    private readonly List<ScenarioProblem> _problems = [];
    private bool _tensionGiven;
    private bool _correlationGiven;

    public IReadOnlyList<ScenarioProblem> Problems => _problems;

    /// <summary>Whether the file gave a package ("proposals") of exactly one proposal.</summary>
    public bool PackageOfOne { get; private set; }

    public ScenarioBuilder Read(JsonElement root)
    {
        var b = new ScenarioBuilder();
        if (root.ValueKind != JsonValueKind.Object)
        {
            Problem("$", "A scenario must be a JSON object.");
            return b;
        }

        string? era = null;
        bool statesGiven = false;
        bool nameGiven = false;
        string? proposalKey = null;
        foreach (var (name, value, path) in Properties(root, "$", RootProperties))
        {
            switch (name)
            {
                case "$schema":
                    break;
                case "era":
                    era = String(value, path);
                    break;
                case "name":
                    nameGiven = true;
                    b.Name = String(value, path) ?? b.Name;
                    break;
                case "description":
                    b.Description = String(value, path);
                    break;
                case "actors":
                    ReadActors(value, path, b.Actors);
                    break;
                case "states":
                    statesGiven = true;
                    b.States = ReadStates(value, path);
                    break;
                case "dimensions":
                    b.Dimensions = StringList(value, path) ?? b.Dimensions;
                    break;
                case "proposal" or "proposals" when proposalKey is not null:
                    // Reading on would let one silently replace the other (a package lost to a stray "proposal").
                    Problem(path, $"Give either \"proposal\" (one draft) or \"proposals\" (a package), not both; \"{proposalKey}\" is already given.");
                    break;
                case "proposal":
                    proposalKey = name;
                    b.Proposal = ReadProposal(value, path);
                    break;
                case "proposals":
                    proposalKey = name;
                    if (value.ValueKind != JsonValueKind.Array)
                    {
                        Problem(path, "Expected an array of proposals.");
                        break;
                    }

                    b.Proposals = [.. value.EnumerateArray().Select((item, k) => ReadProposal(item, $"{path}[{k}]"))];
                    PackageOfOne = b.Proposals.Count == 1;
                    break;
                case "chair":
                    b.Chair = ReadChair(value, path);
                    break;
                case "rule":
                    b.Rule = ReadRule(value, path);
                    break;
                case "behaviour":
                    b.Behaviour = ReadBehaviour(value, path);
                    break;
                case "defaults":
                    b.Defaults = ReadProfile(value, path);
                    break;
                case "groupings":
                    foreach (var (id, profile, p) in Properties(value, path, null))
                    {
                        b.GroupingProfiles.Add(new ProfileOverride(id, ReadProfile(profile, p)));
                    }

                    break;
                case "overrides":
                    foreach (var (code, profile, p) in Properties(value, path, null))
                    {
                        b.StateOverrides.Add(new ProfileOverride(code, ReadProfile(profile, p)));
                    }

                    break;
                case "procedure":
                    b.Procedure = ReadProcedure(value, path);
                    break;
                case "simulation":
                    foreach (var (n, v, p) in Properties(value, path, SimulationProperties))
                    {
                        if (n == "trials")
                        {
                            b.Trials = WholeNumber(v, p, long.MinValue, long.MaxValue) ?? b.Trials;
                        }
                        else if (JsonInteger.Read(v, out _) is { } seed && seed >= ulong.MinValue && seed <= ulong.MaxValue)
                        {
                            b.Seed = (ulong)seed;
                        }
                        else
                        {
                            Problem(p, $"The seed must be a whole number from 0 to 18446744073709551615; found {Describe(v)}.");
                        }
                    }

                    break;
            }
        }

        if (proposalKey is null)
        {
            // Without one the run would decide a draft nobody wrote.
            Problem("$.proposal", "The scenario needs a proposal: add \"proposal\": { \"topic\": ..., \"statusQuo\": [...], \"draft\": [...] }, or \"proposals\": [...] for a package.");
        }

        if (!nameGiven)
        {
            // Results, reports and merged shards are labelled with it; a default would label them all alike.
            Problem("$.name", "The scenario needs a name: add \"name\": \"...\" (the schema requires it).");
        }

        if (!statesGiven && b.Actors.Count > 0)
        {
            // A table of actors (an imported one, say) is the whole cast unless States are named too.
            b.States = [];
        }

        if (era is not null)
        {
            if (b.Catalog.TryGetEra(era, out var preset))
            {
                b.ApplyEra(preset, keepTension: _tensionGiven, keepCorrelation: _correlationGiven);
            }
            else
            {
                b.Era = era;
            }
        }

        return b;
    }

    private void ReadActors(JsonElement e, string path, IList<Actor> actors)
    {
        if (e.ValueKind != JsonValueKind.Array)
        {
            Problem(path, "Expected an array of actors, each {\"code\": ..., \"name\": ..., \"power\": ..., \"bloc\": ...}.");
            return;
        }

        int i = 0;
        foreach (var item in e.EnumerateArray())
        {
            string at = $"{path}[{i++}]";
            string? code = null, name = null, bloc = null;
            double power = ScenarioFields.Actor.Power.DefaultNumber;
            foreach (var (n, v, p) in Properties(item, at, ActorProperties))
            {
                switch (n)
                {
                    case "code": code = String(v, p); break;
                    case "name": name = String(v, p); break;
                    case "power": power = Number(v, p) ?? power; break;
                    case "bloc": bloc = String(v, p); break;
                }
            }

            if (code is null)
            {
                Problem(at + ".code", "An actor needs a code.");
                continue;
            }

            actors.Add(new Actor(code, name) { Power = power, Bloc = bloc });
        }
    }

    private Proposal ReadProposal(JsonElement e, string path)
    {
        var defaults = new Proposal();
        string title = defaults.Title, topic = defaults.Topic, body = defaults.Body;
        var kind = defaults.Kind;
        IReadOnlyList<Parameter> statusQuo = defaults.StatusQuo;
        IReadOnlyList<Parameter>? draft = null;
        double? kappa = null;
        bool statusQuoGiven = false;
        foreach (var (name, v, p) in Properties(e, path, ProposalProperties))
        {
            switch (name)
            {
                case "title": title = String(v, p) ?? title; break;
                case "topic": topic = String(v, p) ?? topic; break;
                case "body": body = String(v, p) ?? body; break;
                case "kind": kind = Enumeration(v, p, kind); break;
                case "statusQuo": statusQuo = ParameterList(v, p) ?? statusQuo; statusQuoGiven = true; break;
                case "draft": draft = ParameterList(v, p) ?? defaults.Draft; break;
                case "susceptibility": kappa = Number(v, p); break;
            }
        }

        // Positions decide who gains from the draft; made-up ones would decide the result.
        if (e.ValueKind == JsonValueKind.Object && !statusQuoGiven)
        {
            Problem(path + ".statusQuo", "A proposal needs its status quo: \"statusQuo\": [...], one position in [0, 1] per dimension.");
        }

        // A draft left out is null: the validator, which knows the Chair, refuses it unless the agenda-setter tables its own.
        return new Proposal { Title = title, Topic = topic, Body = body, Kind = kind, StatusQuo = statusQuo, Draft = draft, Susceptibility = kappa };
    }

    private DecisionRule ReadRule(JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.String)
        {
            var k = Enumeration(e, path, DecisionRuleKind.Consensus);
            return DecisionRule.Create(k, []);
        }

        var kind = DecisionRuleKind.Consensus;
        IReadOnlyList<string> states = [];
        double? stateShare = null, weightShare = null;
        VotingWeight? weight = null;
        string? mechanism = null;
        int minimum = 0;
        foreach (var (name, v, p) in Properties(e, path, RuleProperties))
        {
            switch (name)
            {
                case "kind": kind = Enumeration(v, p, kind); break;
                case "states": states = StringList(v, p) ?? []; break;
                case "stateShare": stateShare = Number(v, p); break;
                case "weightShare": weightShare = Number(v, p); break;
                case "weight": weight = Enumeration(v, p, VotingWeight.Equal); break;
                case "mechanism": mechanism = String(v, p); break;
                case "minimumStates": minimum = (int)(WholeNumber(v, p, int.MinValue, int.MaxValue) ?? 0); break;
            }
        }

        if (kind == DecisionRuleKind.QualifiedMajority && stateShare is null && weightShare is null)
        {
            // Both shares would default to 0, a majority of nothing that adopts every text.
            Problem(path, "a qualified majority needs \"stateShare\", \"weightShare\" or both: the share of States, or of weight, that must support.");
        }

        return DecisionRule.Create(kind, states, stateShare, weightShare, weight, mechanism, minimum);
    }

    private ChairOptions ReadChair(JsonElement e, string path)
    {
        var o = new ChairOptions();
        var strategy = o.Strategy;
        double step = o.Step;
        IReadOnlyList<double>? ideal = null;
        string? state = null;
        foreach (var (name, v, p) in Properties(e, path, ChairProperties))
        {
            switch (name)
            {
                case "strategy": strategy = Enumeration(v, p, strategy); break;
                case "step": step = Number(v, p) ?? step; break;
                case "idealPoint": ideal = NumberList(v, p); break;
                case "state": state = String(v, p); break;
            }
        }

        return new ChairOptions { Strategy = strategy, Step = step, IdealPoint = ideal, State = state };
    }

    private ProcedureOptions ReadProcedure(JsonElement e, string path)
    {
        var o = new ProcedureOptions();
        string procedure = o.Procedure;
        int rounds = o.MaxRounds;
        bool silence = o.UseSilence, escalate = o.EscalateToMinisterialCouncil;
        double silenceDeterrence = o.SilenceDeterrence, amendment = o.AmendmentProbability, ministerial = o.MinisterialDeterrence;
        bool fallback = o.PackageFallback;
        foreach (var (name, v, p) in Properties(e, path, ProcedureProperties))
        {
            switch (name)
            {
                case "procedure": procedure = String(v, p) ?? procedure; break;
                case "maxRounds": rounds = (int)(WholeNumber(v, p, int.MinValue, int.MaxValue) ?? rounds); break;
                case "useSilence": silence = Boolean(v, p) ?? silence; break;
                case "escalateToMinisterialCouncil": escalate = Boolean(v, p) ?? escalate; break;
                case "silenceDeterrence": silenceDeterrence = Number(v, p) ?? silenceDeterrence; break;
                case "amendmentProbability": amendment = Number(v, p) ?? amendment; break;
                case "ministerialDeterrence": ministerial = Number(v, p) ?? ministerial; break;
                case "packageFallback": fallback = Boolean(v, p) ?? fallback; break;
            }
        }

        return new ProcedureOptions
        {
            Procedure = procedure,
            MaxRounds = rounds,
            UseSilence = silence,
            EscalateToMinisterialCouncil = escalate,
            SilenceDeterrence = silenceDeterrence,
            AmendmentProbability = amendment,
            MinisterialDeterrence = ministerial,
            PackageFallback = fallback,
        };
    }

    private BehaviourOptions ReadBehaviour(JsonElement e, string path)
    {
        var o = new BehaviourOptions();
        var model = o.Model;
        var loss = o.Loss;
        double tension = o.Tension, rho = o.BlocCorrelation, retaliationThreshold = o.RetaliationThreshold;
        Dictionary<string, double>? perBloc = null;
        foreach (var (name, v, p) in Properties(e, path, BehaviourProperties))
        {
            switch (name)
            {
                case "blocCorrelations":
                    perBloc = new Dictionary<string, double>(StringComparer.Ordinal);
                    foreach (var (bloc, value, bp) in Properties(v, p, null))
                    {
                        perBloc[bloc] = Number(value, bp) ?? 0;
                    }

                    break;
                case "model": model = Enumeration(v, p, model); break;
                case "loss": loss = Enumeration(v, p, loss); break;
                case "tension": tension = Number(v, p) ?? tension; _tensionGiven = true; break;
                case "blocCorrelation": rho = Number(v, p) ?? rho; _correlationGiven = true; break;
                case "retaliationThreshold": retaliationThreshold = Number(v, p) ?? retaliationThreshold; break;
            }
        }

        return new BehaviourOptions { Model = model, Loss = loss, Tension = tension, BlocCorrelation = rho, BlocCorrelations = perBloc, RetaliationThreshold = retaliationThreshold };
    }

    private StateProfile ReadProfile(JsonElement e, string path)
    {
        Parameter? objection = null, cost = null, noise = null, linkage = null, retaliation = null;
        IReadOnlyList<Parameter>? ideal = null;
        IReadOnlyList<double>? salience = null;
        foreach (var (name, v, p) in Properties(e, path, ProfileProperties))
        {
            switch (name)
            {
                case "objectionProbability": objection = ReadParameter(v, p); break;
                case "blockingCost": cost = ReadParameter(v, p); break;
                case "noise": noise = ReadParameter(v, p); break;
                case "linkage": linkage = ReadParameter(v, p); break;
                case "retaliation": retaliation = ReadParameter(v, p); break;
                case "salience": salience = NumberList(v, p); break;
                case "idealPoint": ideal = ParameterList(v, p); break;
            }
        }

        return new StateProfile { ObjectionProbability = objection, BlockingCost = cost, Noise = noise, Linkage = linkage, Retaliation = retaliation, IdealPoint = ideal, Salience = salience };
    }

    /// <summary>A point: one parameter per dimension (a coordinate that cannot be read is 0, its problem reported).</summary>
    private List<Parameter>? ParameterList(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Array)
        {
            Problem(path, "Expected an array with one position per dimension.");
            return null;
        }

        var list = new List<Parameter>();
        int i = 0;
        foreach (var item in e.EnumerateArray())
        {
            list.Add(ReadParameter(item, $"{path}[{i++}]") ?? Parameter.Fixed(0));
        }

        return list;
    }

    /// <summary>Reads a number, or one of <c>{"uniform": [a, b]}</c>, <c>{"beta": [α, β]}</c>, <c>{"truncatedNormal": [mean, sd, min, max]}</c>.</summary>
    private Parameter? ReadParameter(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            return Number(e, path) is double x ? Parameter.Fixed(x) : null;
        }

        var props = Properties(e, path, DistributionNames).ToList();
        if (props.Count != 1)
        {
            Problem(path, "A distribution names exactly one of 'uniform', 'beta' or 'truncatedNormal'.");
            return null;
        }

        var (name, value, p) = props[0];
        var args = NumberList(value, p);
        int expected = name == "truncatedNormal" ? 4 : 2;
        if (args is null)
        {
            return null;
        }

        if (args.Count != expected)
        {
            Problem(p, $"'{name}' takes {expected} numbers; got {args.Count}.");
            return null;
        }

        if (DistributionArguments.Problem(name, args) is { } problem)
        {
            Problem(p, $"Invalid '{name}' distribution: {problem}");
            return null;
        }

        try
        {
            return name switch
            {
                "uniform" => Parameter.Uniform(args[0], args[1]),
                "beta" => Parameter.Beta(args[0], args[1]),
                _ => Parameter.TruncatedNormal(args[0], args[1], args[2], args[3]),
            };
        }
        catch (ArgumentOutOfRangeException ex)
        {
            // A limit of the distribution this reader does not know of: name the argument and its value.
            Problem(p, $"Invalid '{name}' distribution: its {ex.ParamName} {Convert.ToString(ex.ActualValue, CultureInfo.InvariantCulture)} is out of range.");
            return null;
        }
    }
}
