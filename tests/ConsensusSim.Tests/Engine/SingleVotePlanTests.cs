using ConsensusSim.Model;
using ConsensusSim.Samples.CustomBehaviour;
using ConsensusSim.Samples.CustomRule;
using ConsensusSim.Simulation;
using ConsensusSim.Engine;
using ConsensusSim.Tests.Support;
using ConsensusSim.Serialization;

namespace ConsensusSim.Tests.Engine;

/// <summary>
/// A procedure that takes one vote per decision is planned when the kernel is built; the plan must give exactly
/// the tallies of walking the procedure stage by stage, and must be taken only where one vote is all there is.
/// </summary>
public class SingleVotePlanTests
{
    public static TheoryData<string, int, bool, bool, ChairStrategy, string> Procedures()
    {
        var data = new TheoryData<string, int, bool, bool, ChairStrategy, string>();
        foreach (string procedure in new[] { "consensus", "single-decision" })
        {
            foreach (int rounds in new[] { 1, 2 })
            {
                foreach (bool silence in new[] { false, true })
                {
                    foreach (bool escalate in new[] { false, true })
                    {
                        foreach (var chair in new[] { ChairStrategy.Fixed, ChairStrategy.AgendaSetter, ChairStrategy.Compromise })
                        {
                            // Only the stance behaviour has a policy space for a Chair to move the draft in.
                            foreach (string model in chair == ChairStrategy.Fixed ? new[] { "stance", "fixed", "fixed-copula" } : ["stance"])
                            {
                                data.Add(procedure, rounds, silence, escalate, chair, model);
                            }
                        }
                    }
                }
            }
        }

        return data;
    }

    private static CompiledScenario Build(string procedure, int rounds, bool silence, bool escalate, ChairStrategy chair, string model)
    {
        var b = Scenario.Default.ToBuilder();
        b.Procedure = new ProcedureOptions
        {
            Procedure = procedure,
            MaxRounds = rounds,
            UseSilence = silence,
            AmendmentProbability = silence ? 0.02 : 0,
            EscalateToMinisterialCouncil = escalate,
        };
        b.Chair = new ChairOptions { Strategy = chair, Step = 0.25, State = chair == ChairStrategy.AgendaSetter ? "CHE" : null };

        // High tension, so that objections, revisions and escalations all happen in a few thousand trials.
        b.Behaviour = model switch
        {
            "fixed" => new BehaviourOptions { Model = BehaviourModel.FixedObjection, Tension = 1.0 },
            "fixed-copula" => new BehaviourOptions { Model = BehaviourModel.FixedObjection, BlocCorrelation = 0.4, Tension = 1.0 },
            _ => new BehaviourOptions { Tension = 1.0, BlocCorrelation = 0.3 },
        };
        if (model != "stance")
        {
            b.Defaults = new StateProfile { ObjectionProbability = 0.004 };
            b.StateOverrides.Clear();
        }

        return b.Build().Compile();
    }

    [Theory]
    [MemberData(nameof(Procedures))]
    public void Planning_a_single_vote_gives_the_same_tallies_as_walking_the_procedure(string procedure, int rounds, bool silence, bool escalate, ChairStrategy chair, string model)
    {
        var compiled = Build(procedure, rounds, silence, escalate, chair, model);
        TrialAccumulator Run(bool plan)
        {
            var acc = new TrialAccumulator(compiled.StateCount, compiled.MaxRounds);
            new TrialKernel(compiled, new KernelSwitches { PlanSingleVote = plan }).RunChunk(5, 0, 2_000, acc);
            return acc;
        }

        var planned = Run(plan: true);
        Assert.Equal(SimdPathTests.Tallies(Run(plan: false)), SimdPathTests.Tallies(planned));

        // Both ends of the vote occur, so both of the plan's ends are checked.
        Assert.InRange(planned.Adopted, 1, 1_999);

        // The single decision has no revision, silence or escalation stage; the OSCE procedure has one vote only with one
        // round, no silence and no escalation. A compromising Chair is never planned (it revises between votes).
        bool oneVote = procedure == "single-decision" || (rounds == 1 && !silence && !escalate);
        Assert.Equal(oneVote && chair != ChairStrategy.Compromise, new TrialKernel(compiled).UsesSingleVotePlan);
        Assert.False(new TrialKernel(compiled, new KernelSwitches { PlanSingleVote = false }).UsesSingleVotePlan);
    }

    public static TheoryData<string> Rules() => ["consensus-minus-one", "unanimity-with-abstention", "qualified-majority", "custom-rule", "custom-behaviour"];

    [Theory]
    [MemberData(nameof(Rules))]
    public void Planning_a_single_vote_gives_the_same_tallies_under_every_rule_and_custom_behaviour(string variant)
    {
        var b = Scenario.Default.ToBuilder();
        b.Behaviour = new BehaviourOptions { Tension = 1.0, BlocCorrelation = 0.3 };
        switch (variant)
        {
            case "consensus-minus-one":
                b.Rule = DecisionRule.ConsensusMinusOne("RUS");
                break;
            case "unanimity-with-abstention":
                // Statements count here: a vote with only statements and no plain support fails.
                b.Rule = DecisionRule.UnanimityWithAbstention;
                break;
            case "qualified-majority":
                b.Rule = DecisionRule.QualifiedMajority(0.98, 0, VotingWeight.Equal);
                break;
            case "custom-rule":
                // Independent objections at 5 %: the rule's limit of five objectors binds in some trials and not in others.
                var baseline = Scenarios.FixedObjection(Scenarios.Uniform(57, 0.05));
                b = baseline.ToBuilder();
                b.Rule = DecisionRule.Custom(new MajorContributorsRule(baseline, ["USA", "DEU", "FRA", "GBR", "ITA"]));
                break;
            case "custom-behaviour":
                b.Behaviour = new BehaviourOptions { Model = BehaviourModel.Custom, Custom = new FatigueBehaviour(0.002, 0.05) };
                b.StateOverrides.Clear();
                break;
        }

        var compiled = b.Build().Compile();
        TrialAccumulator Run(bool plan)
        {
            var acc = new TrialAccumulator(compiled.StateCount, compiled.MaxRounds);
            var kernel = new TrialKernel(compiled, new KernelSwitches { PlanSingleVote = plan });
            Assert.Equal(plan, kernel.UsesSingleVotePlan);
            kernel.RunChunk(13, 0, 2_000, acc);
            return acc;
        }

        var planned = Run(plan: true);
        Assert.Equal(SimdPathTests.Tallies(Run(plan: false)), SimdPathTests.Tallies(planned));
        Assert.InRange(planned.Adopted, 1, 1_999);
    }

    [Theory]
    [InlineData("consensus", 1, false, false, ChairStrategy.Fixed, true)]
    [InlineData("consensus", 1, false, false, ChairStrategy.AgendaSetter, true)]
    [InlineData("single-decision", 1, false, false, ChairStrategy.Fixed, true)]
    [InlineData("single-decision", 2, false, false, ChairStrategy.Fixed, true)]
    [InlineData("consensus", 2, false, false, ChairStrategy.Fixed, false)]
    [InlineData("consensus", 1, true, false, ChairStrategy.Fixed, false)]
    [InlineData("consensus", 1, false, true, ChairStrategy.Fixed, false)]
    [InlineData("consensus", 1, false, false, ChairStrategy.Compromise, false)]
    public void The_plan_is_taken_exactly_when_every_path_has_one_vote_and_no_chair_revises(string procedure, int rounds, bool silence, bool escalate, ChairStrategy chair, bool expected)
    {
        // The single decision has no revision stage, so a second round never comes; the OSCE procedure revises,
        // goes to silence or to the Ministerial Council, each a second vote; a compromising Chair moves the draft.
        var compiled = Build(procedure, rounds, silence, escalate, chair, "stance");
        Assert.Equal(expected, new TrialKernel(compiled).UsesSingleVotePlan);
    }

    [Fact]
    public void The_default_scenario_and_a_package_take_the_plan()
    {
        Assert.True(new TrialKernel(Scenario.Default.Compile()).UsesSingleVotePlan);

        // A package decides once as a whole and once per item, each with the same single vote.
        var package = Scenario.Default.ToBuilder();
        package.Proposals.Add(package.Proposals[0]);
        var compiled = package.Build().Compile();
        Assert.True(compiled.ItemCount > 1);
        TrialAccumulator Run(bool plan)
        {
            var acc = new TrialAccumulator(compiled.StateCount, compiled.MaxRounds, compiled.ItemCount);
            var kernel = new TrialKernel(compiled, new KernelSwitches { PlanSingleVote = plan });
            Assert.Equal(plan, kernel.UsesSingleVotePlan);
            kernel.RunChunk(9, 0, 2_000, acc);
            return acc;
        }

        Assert.Equal(SimdPathTests.Tallies(Run(plan: false)), SimdPathTests.Tallies(Run(plan: true)));
    }
}
