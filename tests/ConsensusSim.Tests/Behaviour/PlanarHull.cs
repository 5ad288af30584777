namespace ConsensusSim.Tests.Behaviour;

/// <summary>Where a point lies with respect to the convex hull of others in the plane.</summary>
public enum HullPosition
{
    Inside,
    Outside,
    NearBoundary,
}

/// <summary>
/// An independent hull test for the win-set properties, by angles rather than by any program the library solves: q lies
/// inside the convex hull of the xᵢ exactly when every gap between the sorted directions of xᵢ − q is below π, and outside
/// when some gap exceeds π (a half-plane through q then holds every point).
/// </summary>
public static class PlanarHull
{
    /// <param name="q">The point.</param>
    /// <param name="x">The points whose hull is asked about.</param>
    /// <param name="angularMargin">Gaps within this of π count as the boundary.</param>
    /// <param name="minimumDistance">A point this close to q counts as the boundary.</param>
    public static HullPosition Locate(double[] q, double[][] x, double angularMargin, double minimumDistance)
    {
        var angles = new List<double>();
        foreach (var p in x)
        {
            double dx = p[0] - q[0], dy = p[1] - q[1];
            if (Math.Sqrt((dx * dx) + (dy * dy)) < minimumDistance)
            {
                return HullPosition.NearBoundary;
            }

            angles.Add(Math.Atan2(dy, dx));
        }

        angles.Sort();
        double widest = (2 * Math.PI) - (angles[^1] - angles[0]);
        for (int i = 1; i < angles.Count; i++)
        {
            widest = Math.Max(widest, angles[i] - angles[i - 1]);
        }

        return widest > Math.PI + angularMargin ? HullPosition.Outside
            : widest < Math.PI - angularMargin ? HullPosition.Inside
            : HullPosition.NearBoundary;
    }
}
