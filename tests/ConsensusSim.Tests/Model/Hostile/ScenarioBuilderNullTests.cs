using System.Reflection;
using ConsensusSim.Model;

namespace ConsensusSim.Tests.Model.Hostile;

/// <summary>
/// A scenario built in code with null where a value is needed: <see cref="ScenarioBuilder.Build"/> reports it as a
/// <see cref="ScenarioValidationException"/> at its JSON path, never a NullReferenceException from inside a check.
/// </summary>
public class ScenarioBuilderNullTests
{
    private static readonly NullabilityInfoContext Nullability = new();

    public static TheoryData<string, string> Cases() => new()
    {
        { "Dimensions", "$.dimensions" },
        { "Defaults", "$.defaults" },
        { "Proposals", "$.proposals" },
        { "a null proposal", "$.proposals[1]" },
        { "Chair", "$.chair" },
        { "Rule", "$.rule" },
        { "Behaviour", "$.behaviour" },
        { "Procedure", "$.procedure" },
        { "Catalog", "$.catalog" },
        { "a null grouping profile", "$.groupings[0]" },
        { "a null State override", "$.overrides[0]" },
        { "a null State code", "$.states[1]" },
        { "a null actor", "$.actors[0]" },
        { "a null proposal title", "$.proposal.title" },
        { "a null proposal draft", "$.proposal.draft" },
        { "a null procedure id", "$.procedure.procedure" },
        { "a null ideal-point coordinate", "$.defaults.idealPoint[1]" },
    };

    private static ScenarioBuilder Valid() => new()
    {
        Name = "valid",
        States = ["AUT", "BEL"],
        Behaviour = new BehaviourOptions { Model = BehaviourModel.FixedObjection },
        Defaults = new StateProfile { ObjectionProbability = 0.1 },
    };

    private static void Break(ScenarioBuilder b, string what)
    {
        switch (what)
        {
            case "Dimensions": b.Dimensions = null!; break;
            case "Defaults": b.Defaults = null!; break;
            case "Proposals": b.Proposals = null!; break;
            case "a null proposal": b.Proposals = [new Proposal(), null!]; break;
            case "Chair": b.Chair = null!; break;
            case "Rule": b.Rule = null!; break;
            case "Behaviour": b.Behaviour = null!; break;
            case "Procedure": b.Procedure = null!; break;
            case "Catalog": b.Catalog = null!; break;
            case "a null grouping profile": b.GroupingProfiles.Add(null!); break;
            case "a null State override": b.StateOverrides.Add(null!); break;
            case "a null State code": b.States = ["AUT", null!]; break;
            case "a null actor": b.Actors.Add(null!); break;
            case "a null proposal title": b.Proposal = new Proposal { Title = null! }; break;
            case "a null proposal draft": b.Proposal = new Proposal { Draft = null! }; break;
            case "a null procedure id": b.Procedure = new ProcedureOptions { Procedure = null! }; break;
            case "a null ideal-point coordinate": b.Defaults = new StateProfile { ObjectionProbability = 0.1, IdealPoint = [0.5, null!, 0.5] }; break;
            default: throw new ArgumentOutOfRangeException(nameof(what), what, "No such case.");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_null_part_is_reported_at_its_path_by_Build_and_Validate(string what, string path)
    {
        var builder = Valid();
        Break(builder, what);
        var ex = Record.Exception(() => builder.Build());
        var invalid = Assert.IsType<ScenarioValidationException>(ex);
        var problem = Assert.Single(invalid.Problems);
        Assert.Equal(path, problem.Path);
        Assert.Contains("null", problem.Message, StringComparison.Ordinal);
        Assert.Equal(path, Assert.Single(builder.Validate()).Path);
    }

    [Fact]
    public void Every_settable_reference_property_of_the_builder_and_its_options_is_covered()
    {
        // Null in any non-nullable property of the builder or of an options object it holds is refused, never thrown past.
        var owners = new Dictionary<Type, Action<ScenarioBuilder, object>>
        {
            [typeof(ScenarioBuilder)] = (_, _) => { },
            [typeof(Proposal)] = (b, o) => b.Proposal = (Proposal)o,
            [typeof(ChairOptions)] = (b, o) => b.Chair = (ChairOptions)o,
            [typeof(BehaviourOptions)] = (b, o) => b.Behaviour = (BehaviourOptions)o,
            [typeof(ProcedureOptions)] = (b, o) => b.Procedure = (ProcedureOptions)o,
            [typeof(StateProfile)] = (b, o) => b.Defaults = (StateProfile)o,
        };
        int covered = 0;
        foreach (var (type, attach) in owners)
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true } && !p.PropertyType.IsValueType))
            {
                var builder = Valid();
                object owner = type == typeof(ScenarioBuilder) ? builder : Activator.CreateInstance(type)!;
                if (owner is BehaviourOptions)
                {
                    owner = new BehaviourOptions { Model = BehaviourModel.FixedObjection };
                }
                else if (owner is StateProfile)
                {
                    owner = new StateProfile { ObjectionProbability = 0.1 };
                }

                property.SetValue(owner, null);
                attach(builder, owner);
                var ex = Record.Exception(() => builder.Build());
                bool allowed = Nullability.Create(property).WriteState == NullabilityState.Nullable;
                Assert.True(
                    allowed ? ex is null or ScenarioValidationException : ex is ScenarioValidationException,
                    $"{type.Name}.{property.Name} = null: {ex?.GetType().Name ?? "built"}");
                covered++;
            }
        }

        Assert.True(covered >= 25, $"{covered} properties");
    }
}
