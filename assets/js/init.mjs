// Progressive enhancement only: every page works without this file.
// Only the GOV.UK Frontend components whose behaviour our pages use are bundled, to
// keep the first page load small. Checkboxes and radios need no JavaScript here: we
// use no conditional reveals.
import {
  Button,
  createAll,
  ErrorSummary,
  NotificationBanner,
  ServiceNavigation,
  SkipLink,
} from "govuk-frontend";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
for (const Component of [Button, ErrorSummary, NotificationBanner, ServiceNavigation, SkipLink]) {
  createAll(Component);
}
