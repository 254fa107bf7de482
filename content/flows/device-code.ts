/**
 * Narration of the device authorization grant (RFC 8628) for the TV app `tv-app`, and of its
 * scenarios: polling too fast, a denied request, and a code nobody enters.
 */
import type { FlowNarration } from "@/content/narration";

export const deviceCodeNarration: FlowNarration = {
  steps: {
    "device-authorization-error": {
      what: "The authorization server refuses the device authorization request with a JSON error (RFC 8628 §3.2, RFC 6749 §5.2): invalid_scope for a scope the device may not ask for, invalid_client for a client it does not know.",
      why: "The device authorization endpoint checks the client and its scope before it hands out a device code and a user code, just as the authorization endpoint would.",
      without: "A server that issued device codes for any scope would let a device ask a person to approve more than its registration allows.",
    },
    "consent-rejected": {
      what: "The verification page answers with an error and shows itself again: the user code typed on the phone is not one the server issued, so nothing is approved.",
      why: "The user code is what ties the person's approval to one device's request (RFC 8628 §3.3); only a code the server issued, still valid, can be approved.",
      without: "Approving an unknown code would approve nothing at best, or — with guessable codes — someone else's device at worst; that is why user codes are short-lived and guesses are limited (RFC 8628 §5.1).",
    },
    "device-authorization-request": {
      what: "The TV app posts its client_id (tv-app) and the scope it wants (profile order:read) to the authorization server's device authorization endpoint.",
      why: "The TV has no browser and no comfortable keyboard, so it cannot show a sign-in page; it asks the server to run the sign-in on another device instead (RFC 8628 §3.1).",
      without: "The TV would have to make the person type their password with a remote control — into the TV app itself, which should never see it.",
    },
    "device-authorization-response": {
      what: "The server answers with a device_code (the TV's secret handle on this request), a short user_code (ZZKQ-QWFJ style) for the person to type, the verification_uri, a verification_uri_complete with the code built in, expires_in (600 seconds) and the polling interval (5 seconds).",
      why: "Two codes for two audiences: the long device_code stays on the TV and is used to poll; the short user_code is made for humans to read and type. Real servers generate both with a CSPRNG, the user_code from an alphabet without look-alike characters.",
      without: "Without a separate user_code, the person would have to type the long device_code — and anyone who saw it over their shoulder could poll for the tokens.",
    },
    "show-user-code": {
      what: "The TV shows the person where to go (https://authorization-server.example/device) and the code to enter, and a QR code that opens verification_uri_complete directly.",
      why: "The person continues on a device with a real browser — their phone — where they can sign in safely at the authorization server itself (RFC 8628 §3.3).",
      without: "Without a code to match, the authorization server could not tell which of the many waiting devices the person means to approve.",
    },
    "device-token-request": {
      what: "The TV polls the token endpoint with grant_type=urn:ietf:params:oauth:grant-type:device_code, the device_code and its client_id, and waits the interval between polls.",
      why: "The TV cannot receive a redirect, so it asks, every few seconds, whether the person has decided yet (RFC 8628 §3.4).",
      without: "Without polling (or some other channel back to the TV), the TV would never learn that the person approved it.",
    },
    "device-token-error": {
      what: "The server answers the poll with 400 and an error that is really a status: authorization_pending while the person has not decided, slow_down if the TV polls too fast, access_denied if they refused, expired_token once the device_code has expired.",
      why: "RFC 8628 §3.5 defines these answers so the TV knows whether to keep polling (pending, slow down) or to stop (denied, expired).",
      without: "Without distinct answers, the TV could not tell “wait” from “give up”, and would either poll forever or quit too soon.",
    },
    "open-verification-uri": {
      what: "The person scans the QR code (or types the address) on their phone; the phone's browser opens the verification page with the user_code filled in.",
      why: "The sign-in happens in a real browser on a device the person trusts, at the authorization server's own address.",
      without: "Without a separate device, the person would have to enter credentials on the TV.",
    },
    "login-page": {
      what: "The authorization server shows the “Connect a device” page: the user_code, username and password fields, which app is asking (Acme TV) and the scopes it wants, with a reminder to check that the code matches the one on the TV.",
      why: "Matching the code on the phone with the code on the TV is the person's proof that they are approving their own TV, not someone else's.",
      without: "A person who approved without comparing codes could be tricked into authorising an attacker's device (a remote phishing attack RFC 8628 §5.4 warns about).",
    },
    "device-consent": {
      what: "The person signs in as alice and clicks Allow; the form posts the user_code, the credentials, the decision and the scopes left ticked.",
      why: "The approval is tied to the user_code, and through it to the TV's device_code.",
      without: "Without the person's decision on their own device, the TV would get nothing.",
    },
    "device-consent-result": {
      what: "The server tells the person, on their phone, that the device is connected and they can return to it.",
      why: "The phone's part is over; the TV will learn the outcome at its next poll.",
      without: "Without a confirmation, the person would not know whether to look at the TV or try again.",
    },
    "token-response": {
      what: "At the next poll the server answers 200: a JWT access token for Alice's account (Bearer, 900 seconds), a refresh token and the granted scope.",
      why: "The TV now holds its own tokens; with the refresh token it can stay connected for a long time without the person having to do this again.",
      without: "Without a refresh token, the person would have to repeat the code dance every time the access token expired.",
    },
    "api-request": {
      what: "The TV calls GET https://api.example/me with the access token in an Authorization: Bearer header.",
      why: "From here on the device uses the API like any other client.",
      without: "Without a token the API answers 401 with a WWW-Authenticate challenge.",
    },
    "api-response": {
      what: "The resource server verifies the token and its profile scope and answers 200 with Alice's profile; the TV greets her by name.",
      why: "The TV never saw Alice's password, yet it acts on her behalf, within the scopes she allowed.",
      without: "An API that skipped the scope check would give the TV more than Alice agreed to.",
    },
  },
  scenarios: {
    default: {
      "device-token-error": {
        what: "The person has not approved yet, so the server answers 400 authorization_pending. The TV waits 5 seconds and asks again.",
        why: "RFC 8628 §3.5: authorization_pending means “keep polling, at the agreed interval”.",
        without: "Treating this error as a failure would make the TV give up before the person had a chance to find their phone.",
      },
    },
    "slow-down": {
      "device-token-request": {
        what: "The TV polls every 2 seconds, ignoring the 5-second interval the server asked for — until the server tells it to slow down.",
        why: "A device that polls too fast wastes the server's capacity; multiplied by many devices, it becomes a problem.",
        without: "Without a way to push back, the server could only ignore or block badly behaved devices.",
      },
      "device-token-error": {
        what: "The first poll gets authorization_pending; the next, only 2 seconds later, gets slow_down: “wait at least 10 seconds”. The TV now waits 10 seconds between polls.",
        why: "RFC 8628 §3.5: on slow_down the client MUST add 5 seconds to its interval, for this and all later polls.",
        without: "A device that ignored slow_down would keep hammering the token endpoint, and could be blocked.",
      },
    },
    "access-denied": {
      "device-token-error": {
        what: "While the person decides, the answer is authorization_pending; after they deny, the next poll gets access_denied and the TV stops polling.",
        why: "RFC 8628 §3.5: access_denied is final — the TV must not ask again with this device_code.",
        without: "A TV that kept polling after a refusal would waste requests and never show the person that it was refused.",
      },
      "device-consent": {
        what: "The person signs in on their phone and clicks Deny — perhaps the code on the TV does not match, or it is not their TV.",
        why: "Denying is how a person protects themselves when a code they did not expect turns up.",
        without: "Without the option to deny, a mistyped or phished code could only be left to expire.",
      },
      "device-consent-result": {
        what: "The server tells the person: “You denied Acme TV. Nothing was shared.”",
        why: "The person sees the outcome on the device they acted on; the TV learns it at its next poll.",
        without: "Without a confirmation, the person could not be sure the refusal went through.",
      },
    },
    "code-expired": {
      "show-user-code": {
        what: "The TV shows the address and the code — but nobody is watching: the person has walked away.",
        why: "The device_code and user_code live 600 seconds here; a real TV would show a countdown and offer a new code.",
        without: "Without an expiry, an old code left on a screen could be approved by anyone, at any time.",
      },
      "device-token-request": {
        what: "The TV polls every 200 seconds (slowly, to keep the trace short) with the same device_code.",
        why: "The TV keeps asking until it gets a final answer: tokens, a denial, or expiry.",
        without: "A device that stopped polling early would never learn the outcome; expiry is what gives the polling a definite end.",
      },
      "device-token-error": {
        what: "Twice the answer is authorization_pending; at 600 seconds the device_code has expired and the answer is expired_token.",
        why: "RFC 8628 §3.5: expired_token is final; the TV must start over with a new device authorization request if the person still wants to connect.",
        without: "If device codes never expired, the pile of pending requests would grow forever, and so would the window for approving the wrong one.",
      },
    },
  },
};
