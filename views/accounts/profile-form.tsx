import { profileRules } from "../../src/accounts/profile-rules.ts";
import { imageRules } from "../../src/files/image-rules.ts";
import type { User } from "../../src/store/records.ts";
import { FormError } from "../form-error.tsx";
import { usePaths } from "../paths.ts";
import { Avatar } from "../users/avatar.tsx";

/**
 * The profile: avatar, display name and bio, one multipart form. After a refused post it shows
 * what the person typed (`typed`), never the file, which browsers cannot refill. A picture over
 * the limit is refused before sending (static/composer.js reads `data-max-bytes`), beside its field.
 */
export const ProfileForm = ({
  user,
  typed,
  saved,
  error,
  avatarError,
}: {
  user: User;
  typed?: { displayName: string; bio: string };
  saved?: boolean;
  error?: string;
  /** Why the picture was refused (too large, not an image, disk full), said beside its field. */
  avatarError?: string;
}) => {
  const { to } = usePaths();
  const displayName = typed?.displayName ?? user.displayName ?? "";
  const bio = typed?.bio ?? user.bio;
  return (
    <section class="card" aria-labelledby="profile">
      <h2 id="profile">Profile</h2>
      {saved ? (
        <p class="notice" role="status">
          Your profile is saved. <a href={to(`/u/${user.username}`)}>See your public page</a>.
        </p>
      ) : null}
      <form
        method="post"
        action={to("/settings/profile")}
        enctype="multipart/form-data"
        class="account-form profile-form"
        data-max-bytes={imageRules.maxBytes}
        data-too-large={imageRules.tooLarge}
      >
        <FormError message={error} />
        <div class="avatar-field">
          <Avatar person={user} size="large" />
          <div>
            <label for="avatar">Avatar</label>
            <input
              id="avatar"
              name="avatar"
              type="file"
              accept={imageRules.accept}
              aria-describedby="avatar-rules avatar-error"
            />
            <p id="avatar-rules" class="hint">
              {imageRules.description} Leave it empty to keep the current one.
            </p>
            <FormError id="avatar-error" message={avatarError} />
            {user.avatar ? (
              <label class="checkbox">
                <input type="checkbox" name="remove_avatar" value="on" /> Remove my avatar (use my initials)
              </label>
            ) : null}
          </div>
        </div>
        <label for="display-name">Display name</label>
        <input
          id="display-name"
          name="display_name"
          value={displayName}
          maxlength={profileRules.displayName.max}
          autocomplete="name"
          aria-describedby="display-name-rules"
        />
        <p id="display-name-rules" class="hint">
          {profileRules.displayName.description}
        </p>
        <label for="bio">Bio</label>
        <textarea id="bio" name="bio" rows={4} maxlength={profileRules.bio.max} aria-describedby="bio-rules">
          {bio}
        </textarea>
        <p id="bio-rules" class="hint">
          At most {profileRules.bio.max} characters ({bio.length} used). Line breaks are kept.
        </p>
        <button type="submit">Save profile</button>
      </form>
    </section>
  );
};
