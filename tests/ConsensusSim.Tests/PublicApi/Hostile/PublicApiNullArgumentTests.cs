using System.Reflection;
using ConsensusSim.Analysis;
using ConsensusSim.Calibration;
using ConsensusSim.Tests.Calibration;
using ConsensusSim.Behaviour;
using ConsensusSim.Import;
using ConsensusSim.Model;
using ConsensusSim.Osce;
using ConsensusSim.Procedures;
using ConsensusSim.Simulation;
using ConsensusSim.Engine;
using ConsensusSim.Tests.Support;
using ConsensusSim.Serialization;

namespace ConsensusSim.Tests.PublicApi.Hostile;

/// <summary>
/// Every public constructor and method of the library, called with <see langword="null"/> for each parameter its
/// signature says must not be null (and with a list holding a null where the elements must not be null), throws an
/// <see cref="ArgumentException"/> naming that parameter, never a NullReferenceException from deeper down.
/// Parameters annotated as nullable are where null is documented as allowed, and are skipped.
/// </summary>
public class PublicApiNullArgumentTests
{
    private static readonly Assembly Library = typeof(Scenario).Assembly;

    private static readonly NullabilityInfoContext Nullability = new();

    private static readonly Lazy<SimulationResult> Result = new(() =>
        MonteCarloRunner.Run(Scenarios.FixedObjection([0.1, 0.2]).Compile(), new SimulationOptions { Trials = 100 }));

    private static readonly Lazy<CalibrationSpec> Spec = new(() =>
        CalibrationFixtures.Spec([CalibrationFixtures.Cell("p1", 1, 2), CalibrationFixtures.Cell("p2", 1, 2)], [CalibrationFixtures.Objection()], trials: 100, starts: 1));

    private static readonly Lazy<RollingOriginResult> Rolling = new(() => Calibrator.RollingOrigin(Spec.Value));

    public static TheoryData<string> Members()
    {
        var data = new TheoryData<string>();
        foreach (var member in Callables())
        {
            data.Add(Describe(member));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Members))]
    public void A_null_argument_is_refused_naming_the_parameter(string member)
    {
        var method = Callables().Single(m => Describe(m) == member);
        var parameters = method.GetParameters();
        for (int i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            if (p.ParameterType.IsValueType || p.ParameterType.IsByRef || Nullability.Create(p).WriteState == NullabilityState.Nullable)
            {
                continue;
            }

            object?[] args = [.. parameters.Select(Valid)];
            args[i] = null;
            var ex = Call(method, args);
            var refused = Assert.IsType<ArgumentNullException>(ex, exactMatch: false);
            Assert.Equal(p.Name, refused.ParamName);

            // A list whose elements must not be null, holding one.
            if (ListWithNull(p) is { } withNull)
            {
                args[i] = withNull;
                var element = Assert.IsType<ArgumentException>(Call(method, args), exactMatch: false);
                Assert.Equal(p.Name, element.ParamName);
            }
        }
    }

    [Fact]
    public void Every_public_member_with_a_reference_parameter_is_covered()
    {
        // The enumeration must reach the entry points the issue named; a filter that dropped them would pass vacuously.
        string[] names = [.. Callables().Select(Describe)];
        Assert.Contains(names, n => n.StartsWith("SimulationResult.Merge(", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith("MonteCarloRunner.Run(", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith("ScenarioProblem..ctor(", StringComparison.Ordinal));
        Assert.True(names.Length > 60, $"{names.Length} members");
    }

    private static IEnumerable<MethodBase> Callables()
    {
        foreach (var type in Library.GetExportedTypes().Where(t => !t.IsInterface && !t.IsEnum && !typeof(Delegate).IsAssignableFrom(t)))
        {
            const BindingFlags Declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            IEnumerable<MethodBase> members = [.. type.GetConstructors(Declared), .. type.GetMethods(Declared).Where(m => !m.IsSpecialName && !m.IsGenericMethodDefinition)];
            foreach (var member in members.OrderBy(Describe, StringComparer.Ordinal))
            {
                bool equality = member.Name is nameof(Equals) or "Deconstruct" or "<Clone>$";
                if (!equality && member.GetParameters().Any(p => !p.ParameterType.IsValueType && !p.ParameterType.IsByRef))
                {
                    yield return member;
                }
            }
        }
    }

    private static string Describe(MethodBase m) =>
        $"{m.DeclaringType!.Name}.{m.Name}({string.Join(", ", m.GetParameters().Select(p => p.ParameterType.Name))})";

    private static Exception? Call(MethodBase method, object?[] args)
    {
        try
        {
            if (method is ConstructorInfo ctor)
            {
                ctor.Invoke(BindingFlags.DoNotWrapExceptions, null, args, null);
            }
            else
            {
                object? target = method.IsStatic ? null : Sample(method.DeclaringType!);
                method.Invoke(target, BindingFlags.DoNotWrapExceptions, null, args, null);
            }

            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    /// <summary>A one-element list holding null, for a list parameter whose elements are not nullable.</summary>
    private static Array? ListWithNull(ParameterInfo p)
    {
        var info = Nullability.Create(p);
        if (!p.ParameterType.IsGenericType || info.GenericTypeArguments.Length != 1 || info.GenericTypeArguments[0].WriteState != NullabilityState.NotNull)
        {
            return null;
        }

        var element = p.ParameterType.GetGenericArguments()[0];
        if (element.IsValueType || !p.ParameterType.IsAssignableFrom(element.MakeArrayType()))
        {
            return null;
        }

        return Array.CreateInstance(element, 1);
    }

    /// <summary>A valid argument: null where null is allowed (and for out parameters), else a sample of the type.</summary>
    private static object? Valid(ParameterInfo p) =>
        p.ParameterType.IsByRef ? null
        : p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType)
        : Nullability.Create(p).WriteState == NullabilityState.Nullable ? null
        : Sample(p.ParameterType);

    /// <summary>A valid value of each type the public API takes, so that only the null under test is wrong.</summary>
    private static object Sample(Type t)
    {
        if (t == typeof(string))
        {
            return "AUT";
        }

        if (t.IsValueType)
        {
            return Activator.CreateInstance(t)!;
        }

        object? known = t switch
        {
            _ when t == typeof(IReadOnlyList<double>) => new[] { 0.5, 0.5, 0.5 },
            _ when t == typeof(IReadOnlyList<double?>) => new double?[] { 0.5 },
            _ when t == typeof(IReadOnlyList<long>) => new[] { 1L, 1L },
            _ when t == typeof(IReadOnlyList<int>) => new[] { 1, 1, 1 },
            _ when t == typeof(IReadOnlyList<string>) => new[] { "AUT" },
            _ when t == typeof(IEnumerable<KeyValuePair<string, string>>) => Array.Empty<KeyValuePair<string, string>>(),
            _ when t == typeof(IReadOnlyList<ScenarioProblem>) => new[] { new ScenarioProblem("$", "problem") },
            _ when t == typeof(IReadOnlyList<SimulationResult>) => new[] { Result.Value },
            _ when t == typeof(IReadOnlyList<ActorTableIssue>) => new[] { new ActorTableIssue("i", "issue", 0, 1) },
            _ when t == typeof(IReadOnlyList<ActorTableActor>) => new[] { new ActorTableActor("A", "Actor", 1, [0.5], [1]) },
            _ when t == typeof(Func<ProcedureContext>) => new Func<ProcedureContext>(() => default),
            _ when t == typeof(Exception) => new InvalidOperationException("inner"),
            _ when t == typeof(ICustomDecisionRule) => new EveryoneAgrees(),
            _ when t == typeof(SimulationResult) => Result.Value,
            _ when t == typeof(CompiledScenario) => Scenarios.FixedObjection([0.1, 0.2]).Compile(),
            _ when t == typeof(Scenario) => Scenario.Default,
            _ when t == typeof(WeightedVotingGame) => new WeightedVotingGame([1, 1], 2),
            _ when t == typeof(EraPreset) => OsceCatalog.Default.Eras[0],
            _ when t == typeof(OsceCatalog) => OsceCatalog.Default,
            _ when t == typeof(Grouping) => OsceCatalog.Default.Groupings[0],
            _ when t == typeof(StateProfile) => StateProfile.Empty,
            _ when t == typeof(ActorTable) => new ActorTable("t", "decide", [new ActorTableIssue("i", "issue", 0, 1)], [new ActorTableActor("A", "Actor", 1, [0.5], [1])]),
            _ when t == typeof(ProcedureDefinition) => ProcedureDefinition.OsceConsensus,
            _ when t == typeof(CompiledProcedure) => ProcedureDefinition.OsceConsensus.Compile(),
            _ when t == typeof(ScenarioProblem) => new ScenarioProblem("$", "problem"),
            _ when t == typeof(EraBlocStance) => new EraBlocStance("russia-led", 0.1, 0.1),
            _ when t == typeof(Actor) => new Actor("A"),
            _ when t == typeof(ConsensusSim.Serialization.ScenarioTemplate) => ConsensusSim.Serialization.ScenarioTemplate.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "scenarios", "counter-terrorism-pc.json"))),
            _ when t == typeof(ConsensusSim.Sweeps.SweepDesign) => ConsensusSim.Sweeps.SweepDesign.FullGrid([new ConsensusSim.Sweeps.SweepParameter("tension", ["0"])]),
            _ when t == typeof(IEnumerable<ConsensusSim.Sweeps.SweepParameter>) => new[] { new ConsensusSim.Sweeps.SweepParameter("tension", ["0"]) },
            _ when t == typeof(IEnumerable<ConsensusSim.Sweeps.SweepRange>) => new[] { new ConsensusSim.Sweeps.SweepRange("tension", 0, 1) },
            _ when t == typeof(IEnumerable<IReadOnlyList<string>>) => new IReadOnlyList<string>[] { new[] { "0" } },
            _ when t == typeof(IEnumerable<string>) => new[] { "0" },
            _ when t == typeof(CalibrationSpec) => Spec.Value,
            _ when t == typeof(CalibrationResult) => Rolling.Value.Steps[0].Result.Fit,
            _ when t == typeof(OutOfSampleResult) => Rolling.Value.Steps[0].Result,
            _ when t == typeof(RollingOriginResult) => Rolling.Value,
            _ when t == typeof(ObservedCell) => Spec.Value.Observations[0],
            _ when t == typeof(IReadOnlyList<ObservedCell>) || t == typeof(IEnumerable<ObservedCell>) => Spec.Value.Observations.ToArray(),
            _ when t == typeof(CalibrationTemplate) => Spec.Value.Templates[0],
            _ when t == typeof(IEnumerable<CalibrationTemplate>) => Spec.Value.Templates.ToArray(),
            _ when t == typeof(CalibrationParameter) => Spec.Value.Parameters[0],
            _ when t == typeof(IEnumerable<CalibrationParameter>) => Spec.Value.Parameters.ToArray(),
            _ when t == typeof(CellSelector) => new CellSelector(period: "p1"),
            _ when t == typeof(IEnumerable<CellSelector>) => new[] { new CellSelector(period: "p2") },
            _ when t == typeof(ConsensusSim.Sweeps.SweepRange) => new ConsensusSim.Sweeps.SweepRange("defaults.objectionProbability", 0, 0.5),
            _ when t == typeof(IEnumerable<KeyValuePair<string, CalibrationResult>>) => new[] { KeyValuePair.Create("all", Rolling.Value.Steps[0].Result.Fit) },
            _ when t == typeof(IEnumerable<KeyValuePair<string, CellPrediction>>) => new[] { KeyValuePair.Create("p2", Rolling.Value.Steps[0].Result.Predictions[0]) },
            _ => null,
        };
        if (known is not null)
        {
            return known;
        }

        return t.GetConstructor(Type.EmptyTypes) is { } parameterless
            ? parameterless.Invoke(null)
            : throw new InvalidOperationException($"No sample value for {t}; add one so that its members are tested.");
    }

    private sealed class EveryoneAgrees : ICustomDecisionRule
    {
        public string Name => "everyone agrees";

        public bool Adopts(VoteSummary vote, ReadOnlySpan<int> objectors) => true;
    }
}
