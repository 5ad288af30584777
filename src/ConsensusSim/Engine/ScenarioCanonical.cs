using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using ConsensusSim.Model;

namespace ConsensusSim.Engine;

/// <summary>
/// A text form of everything that affects results, so the hash ignores comments, order of JSON keys and defaults
/// written out. It has three parts: the proposals, Chair and rule; the behaviour and procedure; the States. A sweep's
/// point that varies only behaviour numbers (<see cref="Scenario.BehaviourTemplate"/>) shares the first and last
/// with its template, which are written once and kept beside the template: the States' lines are most of the cost.
/// </summary>
internal sealed class ScenarioCanonical
{
    private static readonly ConditionalWeakTable<Scenario, TemplateParts> Templates = [];

    private readonly StringBuilder _sb;

    private ScenarioCanonical(int capacity) => _sb = new StringBuilder(capacity);

    /// <summary>The canonical text of <paramref name="s"/>.</summary>
    /// <param name="s">The scenario.</param>
    /// <returns>The text.</returns>
    public static string Text(Scenario s)
    {
        if (s.BehaviourTemplate is { } template)
        {
            var parts = Templates.GetValue(template, TemplateParts.Of);
            var middle = new ScenarioCanonical(1024);
            middle.BehaviourAndProcedure(s);
            return string.Concat(parts.Head, middle._sb.ToString(), parts.States);
        }

        // Sized for the States' lines at once.
        var c = new ScenarioCanonical(1024 + (160 * s.States.Count));
        c.Head(s);
        c.BehaviourAndProcedure(s);
        c.States(s);
        return c._sb.ToString();
    }

    /// <summary>SHA-256 (hex) of the canonical text.</summary>
    /// <param name="s">The scenario.</param>
    /// <returns>The hash.</returns>
    public static string Sha256(Scenario s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text(s))));

    private static string R(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static string List<T>(IEnumerable<T> xs) => string.Join(";", xs.Select(x => Convert.ToString(x, CultureInfo.InvariantCulture)));

    private void Head(Scenario s)
    {
        Line("dimensions", List(s.Dimensions));
        Line("era", s.Era);
        foreach (var p in s.Proposals)
        {
            Line("topic", p.Topic);
            Line(" body", p.Body);
            Line(" kind", p.Kind);
            // A fixed coordinate prints as R would print the number, so hashes of scenarios without distributions stay as they were.
            Line(" statusQuo", List(p.StatusQuo));
            Line(" draft", p.Draft is null ? null : List(p.Draft));
            Line(" susceptibility", R(ScenarioCompiler.Susceptibility(s, p)));
        }

        Line("chair", $"{s.Chair.Strategy}|{R(s.Chair.Step)}|{(s.Chair.IdealPoint is null ? null : List(s.Chair.IdealPoint.Select(R)))}|{s.Chair.State}");
        Line("rule", $"{s.Rule.Kind}|{List(s.Rule.ExcludedStates)}|{R(s.Rule.StateShare)}|{R(s.Rule.WeightShare)}|{s.Rule.Weight}|{s.Rule.Mechanism}|{s.Rule.MinimumSupporters}|{s.Rule.CustomRule?.Name}");
    }

    private void BehaviourAndProcedure(Scenario s)
    {
        Line("model", s.Behaviour.Model);
        Line("customBehaviour", s.Behaviour.Custom?.Name);
        Line("tension", R(s.Behaviour.Tension));
        Line("blocCorrelation", R(s.Behaviour.BlocCorrelation));
        Line("blocCorrelations", s.Behaviour.BlocCorrelations is null ? null : List(s.Behaviour.BlocCorrelations.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + ":" + R(kv.Value))));
        Line("loss", s.Behaviour.Loss);
        Line("procedure", s.Procedure.Procedure);
        Line("maxRounds", s.Procedure.MaxRounds);
        Line("useSilence", s.Procedure.UseSilence);
        Line("escalate", s.Procedure.EscalateToMinisterialCouncil);
        Line("silenceDeterrence", R(s.Procedure.SilenceDeterrence));
        Line("amendmentProbability", R(s.Procedure.AmendmentProbability));
        Line("ministerialDeterrence", R(s.Procedure.MinisterialDeterrence));

        // The fallback's and retaliation's lines appear only when they can change something, so hashes of scenarios
        // without them stay as they were, and a propensity or threshold of 0 written out hashes as one left out.
        if (s.Procedure.PackageFallback)
        {
            Line("packageFallback", true);
        }

        if (s.Behaviour.RetaliationThreshold != 0)
        {
            Line("retaliationThreshold", R(s.Behaviour.RetaliationThreshold));
        }
    }

    private void States(Scenario s)
    {
        // States that share a resolved profile share its lines: formatting numbers is most of the hash's cost.
        var rendered = new Dictionary<StateProfile, string>(ReferenceEqualityComparer.Instance);
        foreach (var code in s.States)
        {
            var p = s.Profiles[code];
            Line("state", code + " " + s.ParticipantBloc(code));
            if (s.ActorOf(code) is { } actor)
            {
                // Only actors add this line, so hashes of scenarios without actors stay as they were.
                Line(" actorPower", R(actor.Power));
            }

            if (rendered.TryGetValue(p, out string? lines))
            {
                _sb.Append(lines);
                continue;
            }

            int start = _sb.Length;
            Line(" objectionProbability", p.ObjectionProbability);
            ListLine(" idealPoint", p.IdealPoint);
            ListLine(" salience", p.Salience);
            Line(" blockingCost", p.BlockingCost);
            Line(" noise", p.Noise);
            Line(" linkage", p.Linkage);
            if (p.Retaliation is { Maximum: > 0 } retaliation)
            {
                Line(" retaliation", retaliation);
            }

            rendered.Add(p, _sb.ToString(start, _sb.Length - start));
        }
    }

    private void Value(object? value)
    {
        if (value is Parameter { IsFixed: true } fixedValue)
        {
            // What Parameter.ToString gives a fixed value, without the string.
            _sb.Append(CultureInfo.InvariantCulture, $"{fixedValue.First:R}");
        }
        else
        {
            _sb.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
        }
    }

    private void Line(string key, object? value)
    {
        _sb.Append(key).Append('=');
        Value(value);
        _sb.Append('\n');
    }

    /// <summary>As Line(key, List(values)), without the list's strings: a State has two such lines.</summary>
    private void ListLine<T>(string key, IReadOnlyList<T>? values)
    {
        _sb.Append(key).Append('=');
        for (int i = 0; i < (values?.Count ?? 0); i++)
        {
            if (i > 0)
            {
                _sb.Append(';');
            }

            if (values![i] is double x)
            {
                _sb.Append(CultureInfo.InvariantCulture, $"{x:R}");
            }
            else
            {
                Value(values[i]);
            }
        }

        _sb.Append('\n');
    }

    /// <summary>A template's first and last parts.</summary>
    private sealed record TemplateParts(string Head, string States)
    {
        public static TemplateParts Of(Scenario template)
        {
            var head = new ScenarioCanonical(1024);
            head.Head(template);
            var states = new ScenarioCanonical(160 * template.States.Count);
            states.States(template);
            return new TemplateParts(head._sb.ToString(), states._sb.ToString());
        }
    }
}
