using System.Collections.Immutable;
using ConsensusSim.Model;
using ConsensusSim.Procedures;

namespace ConsensusSim.Engine;

/// <summary>One vote of a <see cref="RoundsPlan"/>: where it is taken, the round and escalation it counts as, where the procedure ends if it agrees, and whether the Chair revises before the next vote if it does not.</summary>
internal readonly record struct PlannedVote(VoteVenue Venue, int Round, bool Escalated, PlannedEnd IfAgreed, bool ReviseAfter);

/// <summary>
/// The votes of a procedure whose every decision is a chain — vote; if it agrees the procedure ends, else (perhaps after
/// the Chair's revision) the next vote — walked once when the run is planned, as <see cref="SingleVotePlan"/> walks a
/// single vote: a trial then takes its votes in order and looks up where the procedure ends, instead of walking the
/// procedure table stage by stage. The outcome is the same as the walk's.
/// </summary>
internal sealed record RoundsPlan(ImmutableArray<PlannedVote> Votes, PlannedEnd IfNoneAgreed)
{
    private static readonly int StageCount = Enum.GetValues<ProcedureStage>().Length;

    /// <summary>
    /// Walks the procedure as a trial whose votes all fail would, finishing each vote's agreeing branch; null unless
    /// every agreeing branch ends without another vote and the chain is finite.
    /// </summary>
    public static RoundsPlan? For(CompiledScenario c)
    {
        var procedure = c.Procedure;
        var standing = SingleVotePlan.Standing(c);
        var votes = ImmutableArray.CreateBuilder<PlannedVote>();
        var stage = procedure.Entry;
        var decidedIn = stage;
        int round = 0;
        bool escalated = false;
        int limit = (StageCount + 1) * (c.MaxRounds + 3);
        for (int steps = 0; procedure.TriggerAt(stage) is { } trigger; steps++)
        {
            if (steps > limit)
            {
                return null;
            }

            var context = ProcedureContextFlags.None;
            if (SingleVotePlan.IsVote(trigger))
            {
                var venue = SingleVotePlan.VenueAt(stage);
                round += venue == VoteVenue.Meeting ? 1 : 0;
                escalated |= venue == VoteVenue.MinisterialCouncil;
                context = standing | (round < c.MaxRounds ? ProcedureContextFlags.RoundsLeft : 0);
                if (!SingleVotePlan.TryFinish(procedure, stage, context | ProcedureContextFlags.Agreed, out var agreed))
                {
                    return null;
                }

                votes.Add(new PlannedVote(venue, round, escalated, agreed, ReviseAfter: false));
            }
            else if (trigger == ProcedureTrigger.Revise && votes.Count > 0)
            {
                // A second revision after the same vote would move the draft twice; no procedure does, none is planned.
                if (votes[^1].ReviseAfter)
                {
                    return null;
                }

                votes[^1] = votes[^1] with { ReviseAfter = true };
            }

            decidedIn = stage;
            stage = procedure.Next(stage, context);
        }

        return votes.Count == 0 ? null : new RoundsPlan(votes.ToImmutable(), new PlannedEnd(stage == ProcedureStage.Adopted, decidedIn));
    }
}
