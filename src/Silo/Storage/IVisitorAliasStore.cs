namespace SessionKit.Silo.Storage;

/// <summary>Which person each device visitor was identified as, and from when.</summary>
public interface IVisitorAliasStore
{
    /// <summary>
    /// Stores the alias; the same alias stored again (a resent or repeated identify) changes nothing. An alias
    /// made in an erased session is refused: false, nothing stored, so an erased person does not come back.
    /// </summary>
    Task<bool> AddAliasAsync(VisitorAlias alias, CancellationToken cancellationToken);

    /// <summary>The visitor's aliases by <see cref="VisitorAlias.EffectiveFromMs"/>, then user id.</summary>
    Task<IReadOnlyList<VisitorAlias>> ListAliasesOfVisitorAsync(string projectId, string visitorId, CancellationToken cancellationToken);

    /// <summary>Every device visitor ever identified as the person, ordered by id.</summary>
    Task<IReadOnlyList<string>> ListVisitorsOfPersonAsync(string projectId, string userId, CancellationToken cancellationToken);

    /// <summary>Forgets that the visitor was ever the person (erasure).</summary>
    Task DeleteAliasesAsync(string projectId, string visitorId, string userId, CancellationToken cancellationToken);
}
