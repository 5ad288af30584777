namespace ConsensusSim.Engine;

/// <summary>The positions the States took in one vote.</summary>
/// <param name="Objectors">States that objected.</param>
/// <param name="Counted">Objectors whose objection counts under the rule.</param>
/// <param name="ObjectorWeight">The objectors' total weight under the rule.</param>
/// <param name="Statements">States that joined with an interpretative statement.</param>
/// <param name="Amendments">States that broke silence with an amendment rather than an objection.</param>
internal readonly record struct VoteTally(int Objectors, int Counted, long ObjectorWeight, int Statements, int Amendments);
