// demo_comments.cc — phrase banks per language, tone and topic.
#include "cli/demo/demo_comments.h"

#include <vector>

namespace npsd::cli::demo {
namespace {

using Bank = std::vector<std::vector<std::string>>;  // [topic][variant]

// Banks are indexed by Topic (delivery, price, staff, app, wait).
const Bank kFrenchNegative = {
    {"Livraison en retard de trois jours, sans aucune information.", "Colis abîmé à l'arrivée."},
    {"Trop cher pour ce que c'est.", "Les frais de port ont doublé, c'est abusé."},
    {"Vendeur peu aimable, je ne reviendrai pas.", "Personne pour répondre à mes questions en magasin."},
    {"L'appli plante au moment de payer.", "Impossible de me connecter depuis la mise à jour."},
    {"Attente beaucoup trop longue au téléphone.", "45 minutes d'attente,\npuis la ligne a coupé."},
};
const Bank kFrenchNeutral = {
    {"Livraison correcte, mais le suivi pourrait être plus précis.", "Délai respecté, emballage moyen."},
    {"Prix dans la moyenne.", "Correct, sans plus."},
    {"Conseiller aimable, mais il a fallu rappeler.", "Accueil correct."},
    {"L'appli fait le travail, un peu lente.", "Navigation pas toujours claire."},
    {"Un peu d'attente, mais problème résolu.", "Temps d'attente acceptable."},
};
const Bank kFrenchPositive = {
    {"Livré le lendemain, parfait !", "Livraison rapide et soignée."},
    {"Très bon rapport qualité/prix.", "Promotions intéressantes, merci."},
    {"Conseillère au top, très à l'écoute.", "Équipe souriante et efficace, bravo."},
    {"Appli simple et rapide.", "Commande passée en deux minutes, \"nickel\"."},
    {"Réponse immédiate, problème réglé en 5 minutes.", "Aucune attente, très efficace."},
};
const Bank kEnglishNegative = {
    {"Delivery was three days late, with no update.", "Parcel arrived damaged."},
    {"Too expensive for what it is.", "Shipping costs doubled, not happy."},
    {"Staff were rude, won't be back.", "Nobody in store could answer my questions."},
    {"The app crashes at checkout.", "Can't log in since the update."},
    {"Way too long on hold.", "Waited 45 minutes,\nthen got cut off."},
};
const Bank kEnglishNeutral = {
    {"Delivery was fine, tracking could be better.", "On time, packaging so-so."},
    {"Prices are average.", "OK, nothing special."},
    {"Friendly agent, but I had to call back.", "Service was fine."},
    {"The app works, a bit slow.", "Navigation is not always clear."},
    {"Some waiting, but the issue was solved.", "Acceptable wait time."},
};
const Bank kEnglishPositive = {
    {"Delivered next day, perfect!", "Fast, careful delivery."},
    {"Great value for money.", "Good deals, thanks."},
    {"The agent was brilliant, really listened.", "Friendly, efficient team, well done."},
    {"Simple, fast app.", "Ordered in two minutes, \"spot on\"."},
    {"Instant answer, fixed in 5 minutes.", "No wait at all, very efficient."},
};

const Bank& BankFor(Sentiment sentiment, bool french) {
  switch (sentiment) {
    case Sentiment::kNegative:
      return french ? kFrenchNegative : kEnglishNegative;
    case Sentiment::kNeutral:
      return french ? kFrenchNeutral : kEnglishNeutral;
    case Sentiment::kPositive:
      break;
  }
  return french ? kFrenchPositive : kEnglishPositive;
}

}  // namespace

std::string DemoComment(Sentiment sentiment, Topic topic, bool french, std::mt19937_64& rng) {
  const std::vector<std::string>& variants = BankFor(sentiment, french)[static_cast<size_t>(topic)];
  return variants[rng() % variants.size()];
}

}  // namespace npsd::cli::demo
