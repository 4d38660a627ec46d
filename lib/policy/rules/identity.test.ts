import { describe, expect, it } from "vitest";
import { cleanApp, testOptions } from "../testing";
import { appUriFormat, isReverseHostName } from "./identity";

const opts = testOptions();

describe("TA-APP-URI-FORMAT", () => {
  it.each(["My Portal", "https://portal.vendor.com", "portal", "com.vendor/", "com.vendor/a,b", "-com.vendor/app", "1com.vendor"])(
    "warns about %j",
    (uri) => {
      expect(appUriFormat.check(cleanApp({ ApplicationUri: uri }), opts)).toMatchObject([
        { ruleId: "TA-APP-URI-FORMAT", severity: "warning", field: "ApplicationUri", flows: [] },
      ]);
    },
  );

  it.each(["com.vendor/app", "com.manufacturer/app", "net.example.sub/app/v2", "com.vendor", "io.my-co/App_1"])(
    "accepts %j",
    (uri) => {
      expect(isReverseHostName(uri)).toBe(true);
      expect(appUriFormat.check(cleanApp({ ApplicationUri: uri }), opts)).toEqual([]);
    },
  );
});
