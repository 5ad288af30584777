using System.Collections;
using System.Reflection;
using ConsensusSim.Engine;
using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ConsensusSim.Tests.Engine;

/// <summary>
/// A scenario that differs from its template only in behaviour numbers (<see cref="Scenario.WithBehaviour"/>, a sweep's
/// point) is compiled from the template's compiled form with those numbers replaced: it must be what compiling the
/// whole scenario gives, in every property, so a property added later that reads a behaviour number is caught here.
/// </summary>
public class BehaviourVariantCompileTests
{
    private static readonly Scenario[] Templates =
    [
        Scenario.Default,
        ScenarioJson.Load(Path.Combine(AppContext.BaseDirectory, "scenarios", "counter-terrorism-pc.json")),
        WithPerBlocCorrelation(Scenario.Default),
    ];

    [Property(MaxTest = 60)]
    public Property A_variant_compiles_to_what_the_whole_scenario_compiles_to() =>
        Prop.ForAll(Variants().ToArbitrary(), v =>
        {
            var template = Templates[v.Template];
            var behaviour = template.Behaviour.With(v.Tension, v.BlocCorrelation, v.RetaliationThreshold);
            var variant = template.WithBehaviour(behaviour);
            var builder = template.ToBuilder();
            builder.Behaviour = behaviour;
            var whole = builder.Build();

            var fromTemplate = variant.Compile();
            var compiledWhole = whole.Compile();
            Assert.Same(variant, fromTemplate.Scenario);
            Assert.Equal(compiledWhole.ScenarioSha256, fromTemplate.ScenarioSha256);
            foreach (var property in typeof(CompiledScenario).GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                AssertSame(property, property.GetValue(compiledWhole), property.GetValue(fromTemplate));
            }
        });

    [Fact]
    public void A_variant_of_a_variant_shares_the_first_template()
    {
        var template = Scenario.Default;
        var once = template.WithBehaviour(template.Behaviour.With(tension: 0.3));
        var twice = once.WithBehaviour(once.Behaviour.With(tension: 0.6));
        Assert.Same(template, twice.BehaviourTemplate);
        Assert.Equal(0.6, twice.Compile().Tension);
        Assert.Same(template.Compile().Scenario.Profiles, twice.Profiles);
    }

    [Fact]
    public void The_template_stays_as_it_was_after_its_variants_compile()
    {
        var template = Templates[1];
        var before = template.Compile();
        _ = template.WithBehaviour(template.Behaviour.With(tension: 0.05, blocCorrelation: 0.9)).Compile();
        var after = template.Compile();
        Assert.Equal(before.ScenarioSha256, after.ScenarioSha256);
        Assert.Equal(template.Behaviour.Tension, after.Tension);
        Assert.Equal(before.BlocCorrelation, after.BlocCorrelation);
    }

    private static void AssertSame(PropertyInfo property, object? expected, object? actual)
    {
        switch (expected)
        {
            case Scenario:
                // The variant's own scenario, checked above by reference and hash.
                break;
            case string or ValueType or null:
                Assert.True(Equals(expected, actual), $"{property.Name}: {expected} ≠ {actual}");
                break;
            case IEnumerable items:
                Assert.True(items.Cast<object?>().SequenceEqual(((IEnumerable)actual!).Cast<object?>()), $"{property.Name} differs");
                break;
            default:
                // Objects compiled from the rule and procedure, which no behaviour number reaches: the same kind.
                Assert.Equal(expected.GetType(), actual?.GetType());
                break;
        }
    }

    private static Gen<(int Template, double Tension, double BlocCorrelation, double RetaliationThreshold)> Variants() =>
        from template in Gen.Choose(0, Templates.Length - 1)
        from tension in Gen.Choose(0, 1000).Select(k => k / 1000.0)
        from rho in Gen.Choose(0, 990).Select(k => k / 1000.0)
        from theta in Gen.Elements(0.0, 0.05, 0.3)
        select (template, tension, rho, theta);

    private static Scenario WithPerBlocCorrelation(Scenario s)
    {
        var b = s.ToBuilder();
        b.Behaviour = new BehaviourOptions
        {
            Model = s.Behaviour.Model,
            Loss = s.Behaviour.Loss,
            Tension = s.Behaviour.Tension,
            BlocCorrelation = s.Behaviour.BlocCorrelation,
            BlocCorrelations = new Dictionary<string, double> { [s.ParticipantBloc(s.States[0])] = 0.45 },
        };
        return b.Build();
    }
}
