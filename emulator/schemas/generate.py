# Generates schemas.json: Quay's JSON schemas (facts from endpoints/api/*.py) with the pretty-printed
# blocks jsonschema puts into its error messages (pprint, width 72, 4-space indent).
# Run from this directory: python3 generate.py
import json, pprint
S = {
 "NewOrg": {"type": "object", "description": "Description of a new organization.", "required": ["name"],
   "properties": {"name": {"type": "string", "description": "Organization username"},
     "email": {"type": "string", "description": "Organization contact email"},
     "contact_email": {"type": "string", "description": "Optional contact email for organization recovery and notifications"},
     "recaptcha_response": {"type": "string", "description": "The (may be disabled) recaptcha response code for verification"}}},
 "NewApp": {"type": "object", "description": "Description of a new organization application.", "required": ["name"],
   "properties": {"name": {"type": "string", "description": "The name of the application"},
     "redirect_uri": {"type": "string", "description": "The URI for the application's OAuth redirect"},
     "application_uri": {"type": "string", "description": "The URI for the application's homepage"},
     "description": {"type": "string", "description": "The human-readable description for the application"},
     "avatar_email": {"type": "string", "description": "The e-mail address of the avatar to use for the application"}}},
 "UpdateApp": {"type": "object", "description": "Description of an updated application.", "required": ["name", "redirect_uri", "application_uri"],
   "properties": {"name": {"type": "string", "description": "The name of the application"},
     "redirect_uri": {"type": "string", "description": "The URI for the application's OAuth redirect"},
     "application_uri": {"type": "string", "description": "The URI for the application's homepage"},
     "description": {"type": "string", "description": "The human-readable description for the application"},
     "avatar_email": {"type": "string", "description": "The e-mail address of the avatar to use for the application"}}},
 "SigninUser": {"type": "object", "description": "Information required to sign in a user.", "required": ["username", "password"],
   "properties": {"username": {"type": "string", "description": "The user's username"},
     "password": {"type": "string", "description": "The user's password"},
     "invite_code": {"type": "string", "description": "The optional invite code"}}},
 # superuser.py SuperUserList: note the missing "type": "object".
 "CreateInstallUser": {"id": "CreateInstallUser", "description": "Data for creating a user", "required": ["username"],
   "properties": {"username": {"type": "string", "description": "The username of the user being created"},
     "email": {"type": "string", "description": "The email address of the user being created"}}},
 "UpdateUser": {"id": "UpdateUser", "type": "object", "description": "Description of updates for a user",
   "properties": {"password": {"type": "string", "description": "The new password for the user"},
     "email": {"type": "string", "description": "The new e-mail address for the user"},
     "enabled": {"type": "boolean", "description": "Whether the user is enabled"}}},
 # superuser.py SuperUserOrganizationManagement. Quay's discovery keys definitions by name and the
 # superuser class registers last, so this is the document's `UpdateOrg`.
 "UpdateOrg": {"id": "UpdateOrg", "type": "object", "description": "Description of updates for an organization",
   "properties": {"name": {"type": "string", "description": "The new name for the organization"}}},
 # organization.py Organization: same name, other class. `Name@qualifier` keys a schema that shares
 # its name with another one; the discovery document refers to it as `Name`.
 "UpdateOrg@organization": {"type": "object", "description": "Description of updates for an existing organization",
   "properties": {"email": {"type": "string", "description": "Organization contact email"},
     "contact_email": {"type": ["string", "null"], "description": "Organization contact email"},
     "invoice_email": {"type": "boolean", "description": "Whether the organization desires to receive emails for invoices"},
     "invoice_email_address": {"type": ["string", "null"], "description": "The email address at which to receive invoices"},
     "tag_expiration_s": {"type": "integer", "minimum": 0, "description": "The number of seconds for tag expiration"}}},
# superuser.py SuperUserServiceKeyManagement, SuperUserServiceKey, SuperUserServiceKeyApproval.
 "CreateServiceKey": {"id": "CreateServiceKey", "type": "object", "description": "Description of creation of a service key",
   "required": ["service", "expiration"],
   "properties": {"service": {"type": "string", "description": "The service authenticating with this key"},
     "name": {"type": "string", "description": "The friendly name of a service key"},
     "metadata": {"type": "object", "description": "The key/value pairs of this key's metadata"},
     "notes": {"type": "string", "description": "If specified, the extra notes for the key"},
     "expiration": {"description": "The expiration date as a unix timestamp", "anyOf": [{"type": "number"}, {"type": "null"}]}}},
 "PutServiceKey": {"id": "PutServiceKey", "type": "object", "description": "Description of updates for a service key",
   "properties": {"name": {"type": "string", "description": "The friendly name of a service key"},
     "metadata": {"type": "object", "description": "The key/value pairs of this key's metadata"},
     "expiration": {"description": "The expiration date as a unix timestamp", "anyOf": [{"type": "number"}, {"type": "null"}]}}},
 "ApproveServiceKey": {"id": "ApproveServiceKey", "type": "object", "description": "Information for approving service keys",
   "properties": {"notes": {"type": "string", "description": "Optional approval notes"}}},
}
def block(x):
    return "\n".join("    " + l for l in pprint.pformat(x, width=72).split("\n"))
out = {}
for name, s in S.items():
    out[name] = {"schema": s, "block": block(s), "properties": {k: block(v) for k, v in s["properties"].items()}, "property_order": list(s["properties"])}
    # `anyOf` properties: the blocks of their branches (jsonschema's best match reports a branch).
    any_of = {k: [block(b) for b in v["anyOf"]] for k, v in s["properties"].items() if "anyOf" in v}
    if any_of:
        out[name]["any_of"] = any_of
json.dump(out, open("schemas.json", "w"), indent=1)
