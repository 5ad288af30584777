using ConsensusSim.Behaviour;
using ConsensusSim.Model;
using ConsensusSim.Procedures;

namespace ConsensusSim.Engine;

/// <summary>Where the procedure ends after its one vote, whichever way the vote goes.</summary>
internal readonly record struct PlannedEnd(bool Adopted, ProcedureStage DecidedIn);

/// <summary>
/// The one vote of a procedure that takes exactly one vote in every trial — a single round at the Permanent Council,
/// say — walked once when the run is planned: the venue of the vote, the round it counts as, and where the procedure
/// ends if the vote agrees and if it does not. A trial then takes its vote and looks the end up, instead of walking
/// the procedure table stage by stage; the outcome is the same.
/// </summary>
internal sealed record SingleVotePlan(VoteVenue Venue, int Round, bool Escalated, PlannedEnd IfAgreed, PlannedEnd IfNotAgreed)
{
    private static readonly int StageCount = Enum.GetValues<ProcedureStage>().Length;

    /// <summary>Whether a stage's trigger takes a vote.</summary>
    public static bool IsVote(ProcedureTrigger trigger) => trigger is ProcedureTrigger.Decide or ProcedureTrigger.SilenceEnds;

    /// <summary>Where a vote at <paramref name="stage"/> takes place.</summary>
    public static VoteVenue VenueAt(ProcedureStage stage) => stage switch
    {
        ProcedureStage.SilenceProcedure => VoteVenue.Silence,
        ProcedureStage.MinisterialCouncil => VoteVenue.MinisterialCouncil,
        _ => VoteVenue.Meeting,
    };

    /// <summary>The procedure's facts every decision starts from: whether it may escalate and whether silence is used.</summary>
    public static ProcedureContextFlags Standing(CompiledScenario c) =>
        (c.Escalate ? ProcedureContextFlags.Escalation : 0) | (c.UseSilence ? ProcedureContextFlags.Silence : 0);

    /// <summary>
    /// Walks the procedure as a trial would, with the vote's outcome left open; null unless every path takes exactly
    /// one vote and no Chair revises the text (a revision changes the next vote's thresholds).
    /// </summary>
    public static SingleVotePlan? For(CompiledScenario c)
    {
        if (c.Chair == ChairStrategy.Compromise)
        {
            return null;
        }

        var procedure = c.Procedure;
        var stage = procedure.Entry;
        for (int steps = 0; procedure.TriggerAt(stage) is { } trigger && !IsVote(trigger); steps++)
        {
            if (steps > StageCount)
            {
                return null;
            }

            stage = procedure.Next(stage, ProcedureContextFlags.None);
        }

        if (procedure.TriggerAt(stage) is null)
        {
            return null;
        }

        var venue = VenueAt(stage);
        int round = venue == VoteVenue.Meeting ? 1 : 0;
        var context = Standing(c) | (round < c.MaxRounds ? ProcedureContextFlags.RoundsLeft : 0);
        return TryFinish(procedure, stage, context | ProcedureContextFlags.Agreed, out var agreed) && TryFinish(procedure, stage, context, out var notAgreed)
            ? new SingleVotePlan(venue, round, venue == VoteVenue.MinisterialCouncil, agreed, notAgreed)
            : null;
    }

    /// <summary>Follows the procedure from the vote's stage to its end; false if another vote comes first.</summary>
    internal static bool TryFinish(CompiledProcedure procedure, ProcedureStage voteStage, ProcedureContextFlags context, out PlannedEnd end)
    {
        var decidedIn = voteStage;
        var stage = procedure.Next(voteStage, context);
        for (int steps = 0; procedure.TriggerAt(stage) is { } trigger; steps++)
        {
            if (IsVote(trigger) || steps > StageCount)
            {
                end = default;
                return false;
            }

            decidedIn = stage;
            stage = procedure.Next(stage, ProcedureContextFlags.None);
        }

        end = new PlannedEnd(stage == ProcedureStage.Adopted, decidedIn);
        return true;
    }
}
