using ConsensusSim.Procedures;

namespace ConsensusSim.Engine.Stages;

/// <summary>How one decision ended: adopted or not, at which stage, in which round, with which vote, and whether it escalated.</summary>
internal readonly record struct DecisionOutcome(bool Adopted, ProcedureStage DecidedIn, int Round, VoteTally Vote, bool Escalated);
