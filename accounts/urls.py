from django.urls import path

from .views import account, invitation, second_factor, setup, users

app_name = "accounts"

urlpatterns = [
    # Signing in: the second factor
    path("accounts/code/", second_factor.SecondFactorView.as_view(), name="second_factor"),
    path("accounts/authenticator/", second_factor.AuthenticatorSetupView.as_view(), name="authenticator_setup"),
    path("accounts/recovery-codes/", second_factor.RecoveryCodesView.as_view(), name="recovery_codes"),
    # A person's own account
    path("accounts/", account.AccountView.as_view(), name="account"),
    path("accounts/authenticator/remove/", account.SecondFactorRemoveView.as_view(), name="second_factor_remove"),
    path("accounts/password/", account.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/reset/", account.PasswordResetView.as_view(), name="password_reset"),
    path("accounts/password/reset/sent/", account.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        account.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/complete/",
        account.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("accounts/invitation/<str:token>/", invitation.InvitationView.as_view(), name="invitation"),
    # The Publisher's Users pages
    path("users/", users.UserListView.as_view(), name="user_list"),
    path("users/invite/", users.UserInviteView.as_view(), name="user_invite"),
    path("users/<int:user_id>/", users.UserDetailView.as_view(), name="user_detail"),
    path("users/<int:user_id>/role/", users.UserRoleView.as_view(), name="user_role"),
    path("users/<int:user_id>/deactivate/", users.UserDeactivateView.as_view(), name="user_deactivate"),
    path("users/<int:user_id>/reactivate/", users.UserReactivateView.as_view(), name="user_reactivate"),
    path("users/<int:user_id>/invitation/", users.UserInvitationResendView.as_view(), name="user_invitation_resend"),
    path(
        "users/<int:user_id>/authenticator/reset/",
        users.UserSecondFactorResetView.as_view(),
        name="user_second_factor_reset",
    ),
    # Setting up an area
    path("setup/", setup.SetupView.as_view(), name="setup"),
    path("setup/area/", setup.SetupAreaView.as_view(), name="setup_area"),
    path("setup/districts/", setup.SetupDistrictsView.as_view(), name="setup_districts"),
    path("setup/panel/", setup.SetupPanelView.as_view(), name="setup_panel"),
    path("setup/panel/members/new/", setup.SetupPanelMemberView.as_view(), name="setup_panel_member"),
    path("setup/<str:token>/", setup.SetupStartView.as_view(), name="setup_start"),
]
