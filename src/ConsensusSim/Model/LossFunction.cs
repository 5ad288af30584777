namespace ConsensusSim.Model;

/// <summary>How distance from a State's ideal point turns into loss in the stance model.</summary>
public enum LossFunction
{
    /// <summary>Loss grows with distance (city-block per dimension, weighted by salience).</summary>
    Linear,

    /// <summary>Loss grows with squared distance, so far-away drafts are punished harder.</summary>
    Quadratic,
}
