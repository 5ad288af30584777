using ConsensusSim.Model;
using ConsensusSim.Procedures;
using ConsensusSim.Numerics;

namespace ConsensusSim.Engine;

/// <summary>
/// Procedures that take exactly one vote in every trial — a single round at the Permanent Council, say —
/// are walked once, when the kernel is built: the stage of the vote, and where the procedure ends if the
/// vote agrees and if it does not, are known before any trial. A trial then takes its vote and looks the
/// end up, instead of walking the procedure table stage by stage; the outcome is the same.
/// </summary>
internal sealed partial class TrialKernel
{
    /// <summary>Whether every decision takes its one vote from a plan made when the kernel was built (tests check the path they mean is taken).</summary>
    internal bool UsesSingleVotePlan => _singleVote is not null;

    /// <summary>Where the procedure ends after its one vote, whichever way the vote goes.</summary>
    private readonly record struct PlannedEnd(bool Adopted, ProcedureStage DecidedIn);

    /// <summary>The one vote of a single-vote procedure: its setting, the round it counts as, and both ends.</summary>
    private sealed record SingleVotePlan(VoteSetting Setting, int Round, bool Escalated, PlannedEnd IfAgreed, PlannedEnd IfNotAgreed);

    /// <summary>The procedure's facts every decision starts from: whether it may escalate and whether silence is used (context bits 4 and 8).</summary>
    private int Standing => (_c.Escalate ? 4 : 0) | (_c.UseSilence ? 8 : 0);

    private static bool IsVote(ProcedureTrigger trigger) => trigger is ProcedureTrigger.Decide or ProcedureTrigger.SilenceEnds;

    private static VoteSetting SettingAt(ProcedureStage stage) => stage switch
    {
        ProcedureStage.SilenceProcedure => VoteSetting.Silence,
        ProcedureStage.MinisterialCouncil => VoteSetting.MinisterialCouncil,
        _ => VoteSetting.Meeting,
    };

    /// <summary>
    /// Walks the procedure as <see cref="Walk"/> would, with the vote's outcome left open; returns null unless
    /// every path takes exactly one vote and no Chair revises the text (a revision changes the next vote's thresholds).
    /// </summary>
    private SingleVotePlan? PlanSingleVote()
    {
        if (_c.Chair == ChairStrategy.Compromise)
        {
            return null;
        }

        var stage = _entry;
        for (int steps = 0; _procedure.TriggerAt(stage) is { } trigger && !IsVote(trigger); steps++)
        {
            if (steps > StageCount)
            {
                return null;
            }

            stage = _procedure.Next(stage, 0);
        }

        if (_procedure.TriggerAt(stage) is null)
        {
            return null;
        }

        var setting = SettingAt(stage);
        int round = setting == VoteSetting.Meeting ? 1 : 0;
        int context = Standing | (round < _c.MaxRounds ? 2 : 0);
        return TryFinish(stage, context | 1, out var agreed) && TryFinish(stage, context, out var notAgreed)
            ? new SingleVotePlan(setting, round, setting == VoteSetting.MinisterialCouncil, agreed, notAgreed)
            : null;
    }

    /// <summary>Follows the procedure from the vote's stage to its end; false if another vote comes first.</summary>
    private bool TryFinish(ProcedureStage voteStage, int context, out PlannedEnd end)
    {
        var decidedIn = voteStage;
        var stage = _procedure.Next(voteStage, context);
        for (int steps = 0; _procedure.TriggerAt(stage) is { } trigger; steps++)
        {
            if (IsVote(trigger) || steps > StageCount)
            {
                end = default;
                return false;
            }

            decidedIn = stage;
            stage = _procedure.Next(stage, 0);
        }

        end = new PlannedEnd(stage == ProcedureStage.Adopted, decidedIn);
        return true;
    }

    /// <summary>Takes the planned vote and looks up where the procedure ends.</summary>
    private DecisionOutcome DecideOnce(ref TrialRandom random, SingleVotePlan plan)
    {
        var vote = Vote(ref random, plan.Setting, plan.Round);
        var end = Agreed(vote) && vote.Amendments == 0 ? plan.IfAgreed : plan.IfNotAgreed;
        return new DecisionOutcome(end.Adopted, end.DecidedIn, plan.Round, vote, plan.Escalated);
    }
}
