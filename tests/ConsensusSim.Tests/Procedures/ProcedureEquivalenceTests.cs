using ConsensusSim.Procedures;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ConsensusSim.Tests.Procedures;

/// <summary>A step of a random walk: a trigger and the guard flags in force when it fires.</summary>
public sealed record ProcedureStep(ProcedureTrigger Trigger, ProcedureContext Context);

public static class ProcedureArbitraries
{
    public static Arbitrary<ProcedureStep[]> Walks() =>
        (from trigger in Gen.Elements(Enum.GetValues<ProcedureTrigger>())
         from bits in Gen.Choose(0, 15)
         select new ProcedureStep(trigger, new ProcedureContext((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0)))
        .ArrayOf()
        .ToArbitrary();

    public static Arbitrary<ProcedureDefinition> Procedures() => Gen.Elements(ProcedureDefinition.All.ToArray()).ToArbitrary();
}

[Properties(Arbitrary = [typeof(ProcedureArbitraries)])]
public class ProcedureEquivalenceTests
{
    [Property(MaxTest = 2000)]
    public Property Compiled_table_and_Stateless_machine_reach_the_same_stage_at_every_step(ProcedureDefinition procedure, ProcedureStep[] walk)
    {
        var context = default(ProcedureContext);
        var machine = procedure.CreateStateMachine(() => context);
        var table = procedure.Compile();
        var stage = ProcedureStage.Tabled;
        int fired = 0;
        foreach (var step in walk)
        {
            context = step.Context;
            bool permitted = table.TryFire(stage, step.Trigger, context, out var next);
            if (permitted != machine.CanFire(step.Trigger))
            {
                return false.Label($"{procedure.Id}: at {stage}, {step.Trigger} in {context}: table says {permitted}, Stateless disagrees");
            }

            if (permitted)
            {
                machine.Fire(step.Trigger);
                stage = next;
                fired++;
            }

            if (machine.State != stage)
            {
                return false.Label($"{procedure.Id}: table at {stage}, Stateless at {machine.State}");
            }
        }

        return true.Label($"{fired} transitions").Classify(fired > 3, "walks with more than 3 transitions");
    }

    [Fact]
    public void Every_compiled_stage_has_one_trigger_and_only_the_outcomes_are_final()
    {
        foreach (var procedure in ProcedureDefinition.All)
        {
            var table = procedure.Compile();
            Assert.True(table.IsFinal(ProcedureStage.Adopted));
            Assert.True(table.IsFinal(ProcedureStage.Reverted));
            Assert.NotNull(table.TriggerAt(ProcedureStage.Tabled));
            Assert.NotNull(table.TriggerAt(ProcedureStage.CouncilMeeting));
        }

        var osce = ProcedureDefinition.OsceConsensus.Compile();
        Assert.Equal(15, osce.TransitionCount);
        Assert.Equal(ProcedureTrigger.SilenceEnds, osce.TriggerAt(ProcedureStage.SilenceProcedure));
    }

    [Theory]
    [InlineData(true, false, false, false, ProcedureStage.Adopted)]
    [InlineData(true, false, false, true, ProcedureStage.SilenceProcedure)]
    [InlineData(false, true, false, false, ProcedureStage.ChairRevises)]
    [InlineData(false, false, true, false, ProcedureStage.MinisterialCouncil)]
    [InlineData(false, false, false, true, ProcedureStage.Reverted)]
    public void A_meeting_decides_as_the_Rules_of_Procedure_say(bool agreed, bool roundsLeft, bool escalation, bool silence, ProcedureStage expected)
    {
        var table = ProcedureDefinition.OsceConsensus.Compile();
        Assert.True(table.TryFire(ProcedureStage.CouncilMeeting, ProcedureTrigger.Decide, new ProcedureContext(agreed, roundsLeft, escalation, silence), out var next));
        Assert.Equal(expected, next);
    }

    [Fact]
    public void A_trigger_a_stage_does_not_respond_to_is_refused()
    {
        var table = ProcedureDefinition.OsceConsensus.Compile();
        Assert.False(table.TryFire(ProcedureStage.Tabled, ProcedureTrigger.Decide, default, out var next));
        Assert.Equal(ProcedureStage.Tabled, next);
        Assert.False(table.TryFire(ProcedureStage.Adopted, ProcedureTrigger.Revise, default, out _));
    }
}
