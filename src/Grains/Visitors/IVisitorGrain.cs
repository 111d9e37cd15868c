using SessionKit.Silo.Grains;

namespace SessionKit.Grains.Visitors;

/// <summary>One grain per device visitor, keyed by <see cref="IdentityKeys.Visitor"/>: links the device's sessions to persons.</summary>
public interface IVisitorGrain : IGrainWithStringKey
{
    /// <summary>Records the session and what it announced; idempotent, and independent of the order sessions report in.</summary>
    Task NoteAsync(SessionActivity activity);

    /// <summary>Erases every session of this device linked to the person and forgets the device was ever the person; the erased session ids.</summary>
    Task<IReadOnlyList<string>> ForgetPersonAsync(string userId);
}
