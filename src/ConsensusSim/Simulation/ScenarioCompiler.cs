using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ConsensusSim.Model;

namespace ConsensusSim.Simulation;

/// <summary>Turns a validated scenario into the flat arrays of a <see cref="CompiledScenario"/>.</summary>
internal static class ScenarioCompiler
{
    public static CompiledScenario Compile(Scenario s)
    {
        int n = s.States.Count;
        int d = s.Dimensions.Count;
        var profiles = s.States.Select(code => s.Profiles[code]).ToArray();
        var blocIds = s.States.Select(code => s.Catalog.GetState(code).Bloc).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var excluded = s.Rule.ExcludedStates.ToHashSet(StringComparer.Ordinal);
        var zero = Parameter.Fixed(0);

        Parameter[] PerState(Func<StateProfile, Parameter?> pick) => [.. profiles.Select(p => pick(p) ?? zero)];

        var ideal = new Parameter[n * d];
        var salience = new double[n * d];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < d; k++)
            {
                ideal[(i * d) + k] = profiles[i].IdealPoint?[k] ?? zero;
                salience[(i * d) + k] = profiles[i].Salience?[k] ?? 0;
            }
        }

        var objection = PerState(p => p.ObjectionProbability);
        var cost = PerState(p => p.BlockingCost);
        var noise = PerState(p => p.Noise);
        var linkage = PerState(p => p.Linkage);
        bool random = s.Behaviour.Model == BehaviourModel.FixedObjection
            ? objection.Any(p => !p.IsFixed)
            : ideal.Concat(cost).Concat(noise).Concat(linkage).Any(p => !p.IsFixed);

        return new CompiledScenario(s, Sha256(Canonical(s)))
        {
            StateCount = n,
            DimensionCount = d,
            StateCodes = [.. s.States],
            Model = s.Behaviour.Model,
            MaxRounds = s.MaxRounds,
            Counted = [.. s.States.Select(code => !excluded.Contains(code))],
            ObjectionProbability = objection,
            IdealPoint = ideal,
            Salience = salience,
            BlockingCost = cost,
            Noise = noise,
            Linkage = linkage,
            Bloc = [.. s.States.Select(code => blocIds.IndexOf(s.Catalog.GetState(code).Bloc))],
            BlocCount = blocIds.Count,
            StatusQuo = [.. s.Proposal.StatusQuo],
            Draft = [.. s.Proposal.Draft],
            Susceptibility = Susceptibility(s),
            Tension = s.Behaviour.Tension,
            BlocCorrelation = s.Behaviour.BlocCorrelation,
            Loss = s.Behaviour.Loss,
            HasRandomParameters = random,
        };
    }

    /// <summary>A text form of everything that affects results, so the hash ignores comments, order of JSON keys and defaults written out.</summary>
    internal static string Canonical(Scenario s)
    {
        var sb = new StringBuilder();
        void Line(string key, object? value) => sb.Append(key).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append('\n');
        string List<T>(IEnumerable<T> xs) => string.Join(";", xs.Select(x => Convert.ToString(x, CultureInfo.InvariantCulture)));

        Line("dimensions", List(s.Dimensions));
        Line("topic", s.Proposal.Topic);
        Line("body", s.Proposal.Body);
        Line("kind", s.Proposal.Kind);
        Line("statusQuo", List(s.Proposal.StatusQuo.Select(R)));
        Line("draft", List(s.Proposal.Draft.Select(R)));
        Line("susceptibility", R(Susceptibility(s)));
        Line("rule", s.Rule);
        Line("model", s.Behaviour.Model);
        Line("tension", R(s.Behaviour.Tension));
        Line("blocCorrelation", R(s.Behaviour.BlocCorrelation));
        Line("loss", s.Behaviour.Loss);
        Line("maxRounds", s.MaxRounds);
        foreach (var code in s.States)
        {
            var p = s.Profiles[code];
            Line("state", code + " " + s.Catalog.GetState(code).Bloc);
            Line(" objectionProbability", p.ObjectionProbability);
            Line(" idealPoint", p.IdealPoint is null ? null : List(p.IdealPoint));
            Line(" salience", p.Salience is null ? null : List(p.Salience.Select(R)));
            Line(" blockingCost", p.BlockingCost);
            Line(" noise", p.Noise);
            Line(" linkage", p.Linkage);
        }

        return sb.ToString();
    }

    private static double Susceptibility(Scenario s) =>
        s.Proposal.Susceptibility ?? (s.Catalog.TryGetFieldOfWork(s.Proposal.Topic, out var field) ? field.Susceptibility : 0);

    private static string R(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
