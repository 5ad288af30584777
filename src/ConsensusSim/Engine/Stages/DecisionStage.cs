using ConsensusSim.Behaviour;
using ConsensusSim.Model;
using ConsensusSim.Numerics;
using ConsensusSim.Procedures;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// One decision: takes the planned single vote and looks up where the procedure ends, or walks the compiled procedure
/// from its entry stage, taking a vote at each decision point and letting a compromising Chair revise, until it ends.
/// </summary>
internal sealed class DecisionStage
{
    private readonly CompiledScenario _c;
    private readonly CompiledProcedure _procedure;
    private readonly ProcedureStage _entry;
    private readonly ProcedureContextFlags _standing;
    private readonly VoteStage _vote;
    private readonly ThresholdStage _thresholds;
    private readonly CompromiseStage? _compromise;
    private readonly SingleVotePlan? _singleVote;
    private readonly bool _prepareThresholds;

    public DecisionStage(KernelPlan plan, VoteStage vote, ThresholdStage thresholds, CompromiseStage? compromise)
    {
        _c = plan.Scenario;
        _procedure = _c.Procedure;
        _entry = _procedure.Entry;
        _standing = SingleVotePlan.Standing(_c);
        _vote = vote;
        _thresholds = thresholds;
        _compromise = compromise;
        _singleVote = plan.SingleVote;
        _prepareThresholds = !plan.StaticThresholds && _c.Model == BehaviourModel.Stance;
    }

    /// <summary>Runs the procedure once for the decision whose gains and hostage-taking are loaded.</summary>
    /// <param name="random">The trial's scalar stream.</param>
    /// <param name="revisable">Whether a compromising Chair may revise the draft (a single proposal).</param>
    public DecisionOutcome Decide(ref TrialRandom random, bool revisable)
    {
        if (_prepareThresholds)
        {
            _thresholds.PrepareAll();
        }

        return DecidePrepared(ref random, revisable);
    }

    /// <summary>Runs the procedure once on the thresholds as the caller left them (retaliation overrides some after preparing them).</summary>
    /// <param name="random">The trial's scalar stream.</param>
    /// <param name="revisable">Whether a compromising Chair may revise the draft.</param>
    public DecisionOutcome DecidePrepared(ref TrialRandom random, bool revisable) =>
        _singleVote is { } plan ? DecideOnce(ref random, plan) : Walk(ref random, revisable);

    /// <summary>Takes the planned vote and looks up where the procedure ends.</summary>
    private DecisionOutcome DecideOnce(ref TrialRandom random, SingleVotePlan plan)
    {
        var vote = _vote.Vote(ref random, plan.Venue, plan.Round);
        var end = _vote.Agreed(vote) && vote.Amendments == 0 ? plan.IfAgreed : plan.IfNotAgreed;
        return new DecisionOutcome(end.Adopted, end.DecidedIn, plan.Round, vote, plan.Escalated);
    }

    /// <summary>Walks the procedure table from the entry stage, taking a vote at each decision point, until it ends.</summary>
    private DecisionOutcome Walk(ref TrialRandom random, bool revisable)
    {
        // Steps without a vote (informal body, Preparatory Committee) change nothing a trial records.
        var stage = _entry;
        var decidedIn = stage;
        int round = 0;
        VoteTally vote = default;
        bool escalated = false;
        while (_procedure.TriggerAt(stage) is { } trigger)
        {
            var context = ProcedureContextFlags.None;
            if (SingleVotePlan.IsVote(trigger))
            {
                var venue = SingleVotePlan.VenueAt(stage);
                round += venue == VoteVenue.Meeting ? 1 : 0;
                escalated |= venue == VoteVenue.MinisterialCouncil;
                vote = _vote.Vote(ref random, venue, round);
                context = _standing
                    | (_vote.Agreed(vote) && vote.Amendments == 0 ? ProcedureContextFlags.Agreed : 0)
                    | (round < _c.MaxRounds ? ProcedureContextFlags.RoundsLeft : 0);
            }
            else if (trigger == ProcedureTrigger.Revise && revisable && _compromise is { } chair)
            {
                chair.Revise(vote.Objectors);
            }

            decidedIn = stage;
            stage = _procedure.Next(stage, context);
        }

        return new DecisionOutcome(stage == ProcedureStage.Adopted, decidedIn, round, vote, escalated);
    }
}
