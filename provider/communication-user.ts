/**
 * An ACS identity that can join rooms.
 */
import * as pulumi from "@pulumi/pulumi";

import { type ConnectionArgs, connectionInputs, withSecretConnection } from "./inputs";
import { userProvider } from "./serialized";

/** The arguments of a {@link CommunicationUser}: only where to create it. */
export type CommunicationUserArgs = ConnectionArgs;

/**
 * An ACS user (identity), made with the Identity API; its id is the raw ACS id
 * `8:acs:<resource id>_<user id>`. The Identity API cannot read a user back, so refresh keeps
 * the stored state and does not notice a user deleted out of band. Destroy deletes the user.
 */
export class CommunicationUser extends pulumi.dynamic.Resource {
  /**
   * The raw ACS user id, the same as the resource id (so it stays known in previews); use it as
   * a participant's id.
   */
  declare readonly communicationUserId: pulumi.Output<string>;
  /** The normalised endpoint of the ACS resource the user belongs to. */
  declare readonly endpoint: pulumi.Output<string>;

  /**
   * Declares a user.
   * @param name - The resource name, also used in every error message about it.
   * @param args - Connection settings; leave out to use the stack config or environment.
   * @param opts - Pulumi resource options.
   */
  constructor(name: string, args: CommunicationUserArgs = {}, opts?: pulumi.CustomResourceOptions) {
    const inputs: pulumi.Inputs = { __resourceName: name, ...connectionInputs(args) };
    super(
      userProvider,
      name,
      inputs,
      withSecretConnection(args, opts),
      "acs-rooms",
      "CommunicationUser",
    );
    this.communicationUserId = this.id;
  }
}
