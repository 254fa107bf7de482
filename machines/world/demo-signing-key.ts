/**
 * THE DEMO SIGNING KEY — PUBLISHED ON PURPOSE.
 *
 * This RSA private key signs every access token the mock authorization server issues, in every
 * copy of this site. It is public so that a learner can verify a token anywhere (jwt.io, jose, any
 * JWT library) and so that the same seed always gives byte-identical signatures (RS256 is
 * deterministic). Never use it, or anything signed with it, outside this simulator: a real
 * authorization server keeps its private key secret and rotates it.
 */
export const DEMO_SIGNING_KEY = {
  "kty": "RSA",
  "n": "ne73GA_TQnh6Zbs3OdRTrBQbhrbLiLF1HN4G9F_n0QF1jf3LGr9JTOcEF5Pgu3jHQPpVQZ2kd2DSRJZ4ve_HnybUarABdTDF3y2D2TStBDCXk8MYkvjNmHkuAiPStfhHClCcSLye-QqL3TzDga6ttmYkRQ6fvMePLze8-0RQWNM1dTKrfxWM96zwzGZXAQ6_X5GGuoDU_c3gkRxO-8aIExFHiJFDZqYSquL5gb490DoSDrTXGOZj6xyhpkwwO9OJAFdLh8gYTxMfqMngBKSlgqK1YSx2PjCPe_E_VRGgJI4obIDeKfhonrZ0G1f-bHlpuswwJVwQA6Py61jw2xU56w",
  "e": "AQAB",
  "d": "A5u7bC1QYlW7q39aL6ljkAGVmhUAaXXEezhcvaXt90nVPxKWsAcWzE8AOkRX_3CEUj5l8ZiByB3KMA76tebjOgZPwXBBWEVuVT8GTXwf8oHkX1fhw9neDfxsH1hk2WDRdAbgyzikA9nzKsbXS1XhBNMomPtQjaZG5d6cJBGCKcVVtKa2x5TiyYEX2iOs6uWIqRbarDj46QEbleq2RqYajZjSSFsPnqxt1z7EuUWlFlopx-hh76VNcddL8bsPojVE5jJ6ENtZMzkMw-kbbt4jd1Rp2362_d5lkc30l8EIuvDMVzvSGdsz_nfWgMByMa9_asJhppR5v_84XdlFfe_YAQ",
  "p": "1uWWSf2Yxn786Xdr2kiS2ybZhTYZDeuN21MNRRMAgeoyPfri-A_1egvwZhoBFyk1wEKCoFlY-OvKlQCjHnPBEp3VkgByBkeQDocMFYhjdsacuOenb_v7I-Fpx2fbAi7IW6VG9kkvQSEOM8q7_7mi_GADm5Yk97jR6TC-CKgybwE",
  "q": "vCQraN0vUc2Cbrq60cQlke9l-xBvG06K6zGVgKwSL3jDs93r2Q_JIMTpsM4k7PqUI9n1t4qRVbcoe7diKxidq9GhXcY9U7LIJB3GHBmBwJs3tOkfYnulN5gaUj-vWnzriUvfLVjtFWyWwpuPaMq2UvswO32G0yOsXMB64JVdVOs",
  "dp": "G3mRBHa64K39se_Fx0u-EuzdpK1s-J2kLmVo7ernBrUlpUz9Vc_ch7UdEEDE4Oww5hrazpt9x52F8hT5xfvwtGufkaIi8fCWV3Ums14TsWzlPrLHcobZ7hV0y7zYgGfwz97KutRSiVYrla2W6bQXRYMVEwBYS5_CnrjPoxW2FQE",
  "dq": "JaWvMgqgf2P6J6Ih4_u18N_Qrk55jSNIVQvU-Kx17x3hO0q6-PJZsr70bDaz2N_DaPEiZBnMPzSpWyg08p64XjtSaOtUNj1eIyv6CoFoH1xv5zmG2DQZuWgsTC0GL7szfoO6It7agiD6gfKS3ctCdJRi8GSL6BAJW34AmJQK2wU",
  "qi": "HiVmZF5ILig5CdCUjCj1HRgMIt5CwGDy6oC5C-CMci9tAA8hPUXCR6mV7XgiE8NqTUzHuL_b_vVkcsr1Ihe_IwktRWGEXoZDkp6SgCGVnGBEeJf7wMOTHxV-5qat9HBMm5yQAOXqXgzkAc8fZm3qel6ifMhcpYnnT-QbbRgBu6U",
  "kid": "WeIzu0IpRyhNBGm_LvvZIdHjbIuDTRGIVkOJ_gkNo5w",
  "alg": "RS256",
  "use": "sig"
} as const;

/** The public half, as the JWKS endpoint publishes it (RFC 7517 §5): what a verifier needs. */
export const DEMO_PUBLIC_JWK = {
  kty: DEMO_SIGNING_KEY.kty,
  n: DEMO_SIGNING_KEY.n,
  e: DEMO_SIGNING_KEY.e,
  kid: DEMO_SIGNING_KEY.kid,
  alg: DEMO_SIGNING_KEY.alg,
  use: DEMO_SIGNING_KEY.use,
} as const;
